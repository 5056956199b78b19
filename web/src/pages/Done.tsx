import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { ApplicationDetailDocument } from '../gql/graphql';
import { ErrorState, formatDate, Loading, PageTitle } from '../ui';
import { useRequireLogin } from '../App';

/** After a submission: the application code and the appointment date. */
export default function Done() {
  const loggedIn = useRequireLogin();
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [res, reexecute] = useQuery({ query: ApplicationDetailDocument, variables: { id }, pause: !loggedIn });
  const app = res.data?.node && 'code' in res.data.node ? res.data.node : null;
  if (!loggedIn) return null;
  if (res.fetching && !res.data) return <Loading />;
  if (res.error) return <ErrorState error={res.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!app) return <p>{t('apps.notFound')}</p>;
  return (
    <>
      <PageTitle title={t('done.title')}>{t('done.title')}</PageTitle>
      <div className="success" role="status">
        <p>
          {t('done.code')}: <strong data-testid="app-code">{app.code}</strong>
        </p>
        <p>
          {t('done.appointment')}: <strong data-testid="app-date">{formatDate(app.appointmentDate)}</strong>
        </p>
        <p>
          {t('promo.agency')}: <strong data-testid="app-agency">{app.service.agency.name}</strong>
        </p>
        <p>{t('done.sms')}</p>
      </div>
      <p>
        <Link to={`/applications/${encodeURIComponent(app.id)}`}>{t('done.details')}</Link> ·{' '}
        <Link to="/applications">{t('nav.mine')}</Link>
      </p>
    </>
  );
}
