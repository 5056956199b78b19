import { lazy, Suspense, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { Link, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router';
import { Provider, useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import { citizenClient, SESSION_EXPIRED } from './client';
import { session } from './session';
import { setLang, type Lang } from './i18n';
import { LogoutDocument } from './gql/graphql';
import Home from './pages/Home';
import ServicePage from './pages/Service';
import { Loading, PageTitle } from './ui';

// Home and the service page are in the first bundle; the rest loads when first visited.
const LoginPage = lazy(() => import('./pages/Auth').then((m) => ({ default: m.LoginPage })));
const RegisterPage = lazy(() => import('./pages/Auth').then((m) => ({ default: m.RegisterPage })));
const Reissue = lazy(() => import('./pages/Reissue'));
const Done = lazy(() => import('./pages/Done'));
const MyApplications = lazy(() => import('./pages/MyApps').then((m) => ({ default: m.MyApplications })));
const ApplicationPage = lazy(() => import('./pages/MyApps').then((m) => ({ default: m.ApplicationPage })));
const Track = lazy(() => import('./pages/Track'));
const Agency = lazy(() => import('./pages/Agency'));
const Business = lazy(() => import('./pages/Business'));
const Promotion = lazy(() => import('./pages/Promotion'));
const PayHub = lazy(() => import('./pages/Pay'));
const PayReturn = lazy(() => import('./pages/PayResult').then((m) => ({ default: m.PayReturn })));
const PaymentPage = lazy(() => import('./pages/PayResult').then((m) => ({ default: m.PaymentPage })));
const VerifyReceipt = lazy(() => import('./pages/VerifyReceipt'));
const PromotionNotice = lazy(() => import('./pages/Promotion').then((m) => ({ default: m.PromotionNotice })));
const PromotionAmend = lazy(() => import('./pages/Promotion').then((m) => ({ default: m.PromotionAmend })));

export function useSession() {
  const token = useSyncExternalStore(session.subscribe, session.token);
  const name = useSyncExternalStore(session.subscribe, session.name);
  const actingRaw = useSyncExternalStore(session.subscribe, session.acting);
  const acting = useMemo(() => {
    try {
      return actingRaw ? (JSON.parse(actingRaw) as { id: string; name: string }) : null;
    } catch {
      return null;
    }
  }, [actingRaw]);
  return { token, name, acting };
}

/** Where to go after logging in: only a path of this app. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function App() {
  const { i18n } = useTranslation();
  const { token } = useSession();
  // A new client per language and session: nothing cached crosses either.
  const client = useMemo(() => citizenClient(i18n.language), [i18n.language, token]);
  return (
    <Provider value={client}>
      <Shell />
    </Provider>
  );
}

function Shell() {
  const { t, i18n } = useTranslation();
  const { token, name, acting } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [expired, setExpired] = useState(false);
  const [, logout] = useMutation(LogoutDocument);

  useEffect(() => {
    const onExpired = () => {
      setExpired(true);
      const here = location.pathname + location.search;
      if (!location.pathname.startsWith('/login')) navigate(`/login?next=${encodeURIComponent(here)}&expired=1`);
    };
    window.addEventListener(SESSION_EXPIRED, onExpired);
    return () => window.removeEventListener(SESSION_EXPIRED, onExpired);
  }, [location, navigate]);
  useEffect(() => {
    if (token) setExpired(false);
  }, [token]);

  const other: Lang = i18n.language === 'en' ? 'vi' : 'en';
  const onLogout = async () => {
    await logout({});
    session.clear();
    navigate('/');
  };

  return (
    <>
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site">
        <div className="bar">
          <Link to="/" className="brand">
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span>{t('app.name')}</span>
          </Link>
          <button type="button" className="lang" onClick={() => setLang(other)} lang={other}>
            {other === 'en' ? 'English' : 'Tiếng Việt'}
          </button>
        </div>
        <nav aria-label={t('nav.label')}>
          <NavLink to="/" end>
            {t('nav.home')}
          </NavLink>
          <NavLink to="/track">{t('nav.track')}</NavLink>
          <NavLink to="/pay">{t('nav.pay')}</NavLink>
          {token && <NavLink to="/applications">{t('nav.mine')}</NavLink>}
          {token && <NavLink to="/business">{t('nav.business')}</NavLink>}
          <NavLink to="/agency">{t('nav.agency')}</NavLink>
          {token ? (
            <>
              <span className="who">{name}</span>
              {acting && (
                <span className="acting" data-testid="acting">
                  {t('business.actingFor', { name: acting.name })}
                </span>
              )}
              <button type="button" className="link" onClick={onLogout}>
                {t('nav.logout')}
              </button>
            </>
          ) : (
            <>
              <NavLink to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>{t('nav.login')}</NavLink>
              <NavLink to="/register">{t('nav.register')}</NavLink>
            </>
          )}
        </nav>
      </header>
      <main id="main">
        {expired && !token && (
          <div className="alert" role="alert">
            <p>{t('auth.expired')}</p>
          </div>
        )}
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/services/:code" element={<ServicePage />} />
            <Route path="/services/HC-REISSUE/apply" element={<Reissue />} />
            <Route path="/login" element={<LoginPage />} />
            <Route path="/register" element={<RegisterPage />} />
            <Route path="/done/:id" element={<Done />} />
            <Route path="/applications" element={<MyApplications />} />
            <Route path="/applications/:id" element={<ApplicationPage />} />
            <Route path="/track" element={<Track />} />
            <Route path="/agency" element={<Agency />} />
            <Route path="/business" element={<Business />} />
            <Route path="/business/promotion" element={<Promotion />} />
            <Route path="/pay" element={<PayHub />} />
            <Route path="/pay/return" element={<PayReturn />} />
            <Route path="/pay/payments/:id" element={<PaymentPage />} />
            <Route path="/pay/:section" element={<PayHub />} />
            <Route path="/verify-receipt" element={<VerifyReceipt />} />
            <Route path="/business/promotion/notice" element={<PromotionNotice />} />
            <Route path="/business/promotion/amend/:id" element={<PromotionAmend />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </main>
      <footer className="site">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t('notFound.title')}>{t('notFound.title')}</PageTitle>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}

/** Sends an anonymous visitor to log in, coming back here afterwards. */
export function useRequireLogin() {
  const { token } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    if (!token) navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
  }, [token, navigate, location]);
  return Boolean(token);
}
