import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { MyEnterprisesDocument } from '../gql/graphql';
import { session } from '../session';
import { useRequireLogin, useSession } from '../App';
import { Empty, ErrorState, Loading, PageTitle } from '../ui';

/**
 * The acting-as switch of a legal representative: the enterprises of
 * viewer.enterprises, active ones selectable, suspended or dissolved ones shown
 * but disabled. The choice is kept for the session (sessionStorage, cleared at
 * logout).
 */
export default function Business() {
  const loggedIn = useRequireLogin();
  const { t } = useTranslation();
  const { acting } = useSession();
  const [res, reexecute] = useQuery({ query: MyEnterprisesDocument, pause: !loggedIn });
  const [saved, setSaved] = useState('');
  if (!loggedIn) return null;
  if (res.fetching && !res.data) return <Loading />;
  if (res.error) return <ErrorState error={res.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const list = res.data?.viewer?.enterprises ?? [];
  const choose = (e: { id: string; name: string } | null) => {
    session.setActing(e);
    setSaved(e ? t('business.saved', { name: e.name }) : t('business.self'));
  };
  return (
    <>
      <PageTitle title={t('business.title')}>{t('business.title')}</PageTitle>
      <p>{t('business.intro')}</p>
      {list.length === 0 ? (
        <Empty>{t('business.none')}</Empty>
      ) : (
        <fieldset className="acting-as">
          <legend>{t('business.choose')}</legend>
          <label className="choice">
            <input type="radio" name="acting" value="" checked={!acting} onChange={() => choose(null)} />
            {t('business.self')}
          </label>
          {list.map((e) => {
            const active = e.status === 'ACTIVE';
            const statusId = `ent-${e.taxCode}-status`;
            return (
              <label key={e.id} className={active ? 'choice' : 'choice disabled'}>
                <input type="radio" name="acting" value={e.id} disabled={!active} checked={acting?.id === e.id}
                  aria-describedby={statusId} onChange={() => choose({ id: e.id, name: e.name })} />
                <span>
                  {e.name} — {t('business.taxCode')} {e.taxCode}{' '}
                  <span id={statusId} className={`badge e-${e.status}`}>
                    {t(`business.status.${e.status}`)}
                    {!active && ` (${t('business.notSelectable')})`}
                  </span>
                </span>
              </label>
            );
          })}
        </fieldset>
      )}
      <p role="status" aria-live="polite" data-testid="acting-saved">
        {saved}
      </p>
      {acting && (
        <p>
          <Link className="button primary" to="/business/promotion" data-testid="start-promotion">
            {t('promo.start')}
          </Link> <Link className="button secondary" to="/business/promotion/notice" data-testid="start-notice">
            {t('promo.startNotice')}
          </Link>
        </p>
      )}
    </>
  );
}
