import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { BrowseDocument, CatalogueDocument, type ServiceFilter } from '../gql/graphql';
import { Empty, ErrorState, Loading, PageTitle } from '../ui';
import { payPath } from './Service';

/** Home: search as you type, popular services, categories and agencies to browse. */
export default function Home() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const category = params.get('category') ?? undefined;
  const agency = params.get('agency') ?? undefined;
  const [text, setText] = useState(q);
  const [debounced, setDebounced] = useState(q);

  useEffect(() => {
    const id = setTimeout(() => setDebounced(text.trim()), 250);
    return () => clearTimeout(id);
  }, [text]);
  useEffect(() => {
    if (debounced !== q) {
      const next = new URLSearchParams(params);
      if (debounced) next.set('q', debounced);
      else next.delete('q');
      setParams(next, { replace: true });
    }
  }, [debounced]); // eslint-disable-line react-hooks/exhaustive-deps

  const filter: ServiceFilter = {};
  if (debounced) filter.search = debounced.slice(0, 200);
  if (category) filter.categoryCode = category;
  if (agency) filter.agencyCode = agency;
  const filtered = Boolean(debounced || category || agency);
  const [result, reexecute] = useQuery({ query: CatalogueDocument, variables: { first: filtered ? 20 : 8, filter } });
  const [browse, rebrowse] = useQuery({ query: BrowseDocument });
  const services = result.data?.services;

  return (
    <>
      <PageTitle title={t('home.title')}>{t('home.title')}</PageTitle>
      <p className="paybanner">
        <Link to="/pay" data-testid="pay-hub">{t('pay.title')}</Link>: {t('pay.banner')}
      </p>
      <form role="search" className="search" onSubmit={(e) => { e.preventDefault(); setDebounced(text.trim()); }}>
        <label htmlFor="search">{t('home.searchLabel')}</label>
        <input id="search" type="search" value={text} maxLength={200} autoComplete="off"
          placeholder={t('home.searchPlaceholder')} onChange={(e) => setText(e.target.value)} />
      </form>
      {(category || agency) && (
        <p>
          {t('home.filtered')} <Link to="/">{t('home.clearFilter')}</Link>
        </p>
      )}
      <section aria-labelledby="results-h">
        <h2 id="results-h">{filtered ? t('home.results') : t('home.popular')}</h2>
        <div aria-live="polite">
          {result.fetching && !services && <Loading />}
          <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />
          {services && services.edges.length === 0 && <Empty>{t('home.noResults')}</Empty>}
          {services && services.edges.length > 0 && (
            <>
              {filtered && <p className="muted">{t('home.count', { count: services.totalCount })}</p>}
              <ul className="cards">
                {services.edges.map(({ node }) => {
                  const pay = payPath(node.obligationKind);
                  return (
                    <li key={node.id} className="card">
                      <Link to={`/services/${encodeURIComponent(node.code)}`}>{node.name}</Link>
                      {pay && (
                        <p><Link to={pay}>{t('pay.online')}</Link></p>
                      )}
                      <p>{node.summary}</p>
                      <p className="muted">
                        {node.agency.name} · {node.onlineLevel === 'FULL' ? t('service.full') : t('service.partial')}
                      </p>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </div>
      </section>
      {/* Browsing comes once the list is in, so nothing on screen moves down under the reader. */}
      {(services || result.error) && (
      <div className="two">
        <section aria-labelledby="cat-h">
          <h2 id="cat-h">{t('home.categories')}</h2>
          {browse.fetching && !browse.data && <Loading />}
          <ErrorState error={browse.error} retry={() => rebrowse({ requestPolicy: 'network-only' })} />
          {browse.data && browse.data.categories.length === 0 && <Empty>{t('home.none')}</Empty>}
          <ul className="chips">
            {browse.data?.categories.map((c) => (
              <li key={c.code}>
                <Link to={`/?category=${encodeURIComponent(c.code)}`}>
                  {c.name} ({c.serviceCount})
                </Link>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="ag-h">
          <h2 id="ag-h">{t('home.agencies')}</h2>
          {browse.data && browse.data.agencies.length === 0 && <Empty>{t('home.none')}</Empty>}
          <ul className="chips">
            {browse.data?.agencies.map((a) => (
              <li key={a.code}>
                <Link to={`/?agency=${encodeURIComponent(a.code)}`}>{a.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      </div>
      )}
    </>
  );
}
