import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { ServiceDetailDocument, type ObligationKind } from '../gql/graphql';
import { Empty, ErrorState, formatMoney, Loading, PageTitle } from '../ui';
import { useSession } from '../App';

/** The section of the "Pay" hub that pays each kind of obligation (a service's obligationKind routes "Pay" there). */
export const PAY_SECTION: Partial<Record<ObligationKind, string>> = { TAX: 'tax', ELECTRICITY_BILL: 'electricity', TRAFFIC_FINE: 'fines' };

/** Where "Pay" goes for a catalogue service: its section of the hub, or null (an application service, or a kind the hub does not pay). */
export const payPath = (kind: ObligationKind | null | undefined) => (kind && PAY_SECTION[kind] ? `/pay/${PAY_SECTION[kind]}` : null);

/** A service: cases and documents, time and fee per channel, delivery, legal basis, submit online. */
export default function ServicePage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { token } = useSession();
  const [res, reexecute] = useQuery({ query: ServiceDetailDocument, variables: { code } });
  const s = res.data?.service;
  const applyPath = `/services/${encodeURIComponent(code)}/apply`;

  if (res.fetching && !res.data) return <Loading />;
  if (res.error) return <ErrorState error={res.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!s)
    return (
      <>
        <PageTitle title={t('service.notFound')}>{t('service.notFound')}</PageTitle>
        <Link to="/">{t('notFound.home')}</Link>
      </>
    );
  const online = s.code === 'HC-REISSUE';
  const pay = payPath(s.obligationKind);
  return (
    <>
      <p className="crumbs">
        <Link to="/">{t('nav.home')}</Link> › <Link to={`/?category=${encodeURIComponent(s.category.code)}`}>{s.category.name}</Link>
      </p>
      <PageTitle title={s.name}>{s.name}</PageTitle>
      <p className="muted">
        {s.agency.name} · {t('service.code')}: {s.code} · {s.onlineLevel === 'FULL' ? t('service.full') : t('service.partial')}
      </p>
      <p>{s.description}</p>
      {pay ? (
        <p>
          <Link className="button primary" to={pay} data-testid="pay-online">{t('pay.online')}</Link>
        </p>
      ) : online ? (
        <p>
          <button type="button" className="primary" onClick={() => navigate(token ? applyPath : `/login?next=${encodeURIComponent(applyPath)}`)}>
            {t('service.submit')}
          </button>
          {!token && <span className="muted"> {t('service.loginFirst')}</span>}
        </p>
      ) : (
        <p className="muted">{t('service.noOnlineForm')}</p>
      )}
      <h2>{t('service.channels')}</h2>
      {s.channels.length === 0 ? (
        <Empty>{t('home.none')}</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('service.channels')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('service.channel')}</th>
                <th scope="col">{t('service.time')}</th>
                <th scope="col">{t('service.fee')}</th>
              </tr>
            </thead>
            <tbody>
              {s.channels.map((c) => (
                <tr key={c.channel}>
                  <th scope="row">{t(`channel.${c.channel}`)}</th>
                  <td>{t(`unit.${c.processingTime.unit}`, { count: c.processingTime.value })}</td>
                  <td>{c.fees.length === 0 ? t('service.free') : c.fees.map((f) => formatMoney(f.amount, t('locale'), t('service.free'))).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('service.cases')}</h2>
      {s.cases.length === 0 && <Empty>{t('home.none')}</Empty>}
      {s.cases.map((c) => (
        <section key={c.code} className="case" aria-label={c.name}>
          <h3>{c.name}</h3>
          {c.documents.length === 0 ? (
            <p className="muted">{t('service.noDocuments')}</p>
          ) : (
            <ul>
              {c.documents.map((d, i) => (
                <li key={i}>
                  {d.name} — {t('service.originals', { count: d.originals })}, {t('service.copies', { count: d.copies })}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <h2>{t('service.delivery')}</h2>
      <ul>
        {s.deliveryMethods.map((m) => (
          <li key={m}>{t(`delivery.${m}`)}</li>
        ))}
      </ul>
      <h2>{t('service.legalBasis')}</h2>
      {s.legalBasis.length === 0 ? (
        <Empty>{t('home.none')}</Empty>
      ) : (
        <ul>
          {s.legalBasis.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      )}
    </>
  );
}
