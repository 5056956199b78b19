import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { PromotionOriginalDocument } from '../gql/graphql';
import { StatusBadge } from './MyApps';

/** Today in Vietnam, YYYY-MM-DD. */
const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

/**
 * On the citizen's detail of a sales promotion registration: the registration it amends, its amendments, and
 * "Amend" while it is confirmed and has not ended (the server decides; this only offers the way).
 */
export function PromotionLinks({ id, serviceCode }: { id: string; serviceCode: string }) {
  const { t } = useTranslation();
  const registration = serviceCode.startsWith('SALES-PROMOTION-REGISTRATION');
  const [res] = useQuery({ query: PromotionOriginalDocument, variables: { id }, pause: !registration });
  const a = res.data?.node && 'code' in res.data.node ? res.data.node : null;
  if (!registration || !a) return null;
  const end = typeof a.formData?.endDate === 'string' ? a.formData.endDate : '';
  // One amendment under consideration at a time (the server answers DUPLICATE_APPLICATION otherwise).
  const open = a.amendedBy.some((m) => !['COMPLETED', 'REJECTED', 'CANCELLED'].includes(m.status));
  const amendable = a.status === 'COMPLETED' && a.caseCode === 'NEW' && end >= today() && !open;
  return (
    <section aria-labelledby="promo-links" className="promo-links">
      <h2 id="promo-links">{t('promo.linksTitle')}</h2>
      {a.amends && (
        <p data-testid="amends">
          {t('promo.amends')}: <Link to={`/applications/${encodeURIComponent(a.amends.id)}`}>{a.amends.code}</Link>
        </p>
      )}
      {a.amendedBy.length > 0 && (
        <>
          <p>{t('promo.amendedBy')}:</p>
          <ul data-testid="amended-by">
            {a.amendedBy.map((m) => (
              <li key={m.id}>
                <Link to={`/applications/${encodeURIComponent(m.id)}`}>{m.code}</Link> <StatusBadge status={m.status} />
              </li>
            ))}
          </ul>
        </>
      )}
      {amendable && (
        <p>
          <Link className="button primary" to={`/business/promotion/amend/${encodeURIComponent(a.id)}`} data-testid="amend">
            {t('promo.amend')}
          </Link>
        </p>
      )}
    </section>
  );
}
