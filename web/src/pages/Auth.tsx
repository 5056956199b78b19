import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import { RegisterCitizenDocument, ResendOtpDocument, StartLoginDocument, VerifyOtpDocument } from '../gql/graphql';
import { Captcha, type CaptchaValue } from '../Captcha';
import { ErrorState, Field, FormAlert, PageTitle, splitErrors, type UserError } from '../ui';
import { session } from '../session';
import { safeNext } from '../App';

type Challenge = { id: string; maskedPhone: string; expiresAt: string; resendAvailableAt: string };

const LOGIN_FIELDS = ['idNumber', 'password', 'captcha.answer'];
const REGISTER_FIELDS = ['idNumber', 'fullName', 'dateOfBirth', 'socialInsuranceCode', 'phone', 'password', 'captcha.answer'];

function captchaErrorToAnswer(errors: readonly UserError[]): UserError[] {
  // A captcha error names ["captcha"] or ["captcha","answer"]: both belong to the answer box.
  return errors.map((e) => (e.field?.[0] === 'captcha' ? { ...e, field: ['captcha', 'answer'] } : e));
}

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [form, setForm] = useState({ idNumber: '', password: '' });
  const [captcha, setCaptcha] = useState<CaptchaValue>({ id: '', answer: '' });
  const [gen, setGen] = useState(0);
  const [errors, setErrors] = useState<UserError[]>([]);
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [res, start] = useMutation(StartLoginDocument);

  if (challenge) return <OtpStep challenge={challenge} next={next} />;
  const { byField, other } = splitErrors(errors, LOGIN_FIELDS);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (res.fetching) return;
    const r = await start({ input: { ...form, captcha } });
    setGen((g) => g + 1);
    const p = r.data?.startLogin;
    if (!p) return;
    setErrors(captchaErrorToAnswer(p.userErrors));
    if (p.challenge) setChallenge(p.challenge);
  };
  return (
    <>
      <PageTitle title={t('auth.loginTitle')}>{t('auth.loginTitle')}</PageTitle>
      {params.get('next') && <p className="muted">{t('auth.loginToContinue')}</p>}
      <form onSubmit={submit} noValidate className="form">
        <FormAlert messages={other} />
        <ErrorState error={res.error} />
        <Field path="idNumber" label={t('auth.idNumber')} hint={t('auth.idNumberHint')} error={byField.idNumber}>
          {(p) => <input {...p} inputMode="numeric" autoComplete="username" maxLength={20} value={form.idNumber}
            onChange={(e) => setForm({ ...form, idNumber: e.target.value })} />}
        </Field>
        <Field path="password" label={t('auth.password')} error={byField.password}>
          {(p) => <input {...p} type="password" autoComplete="current-password" maxLength={128} value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })} />}
        </Field>
        <Captcha generation={gen} value={captcha} onChange={setCaptcha} error={byField['captcha.answer']} />
        <button type="submit" className="primary" disabled={res.fetching}>
          {t('auth.login')}
        </button>
      </form>
      <p>
        {t('auth.noAccount')} <Link to={`/register?next=${encodeURIComponent(next)}`}>{t('nav.register')}</Link>
      </p>
    </>
  );
}

export function RegisterPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [form, setForm] = useState({ idNumber: '', fullName: '', dateOfBirth: '', socialInsuranceCode: '', phone: '', password: '' });
  const [captcha, setCaptcha] = useState<CaptchaValue>({ id: '', answer: '' });
  const [gen, setGen] = useState(0);
  const [errors, setErrors] = useState<UserError[]>([]);
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [res, register] = useMutation(RegisterCitizenDocument);

  if (challenge) return <OtpStep challenge={challenge} next={next} />;
  const { byField, other } = splitErrors(errors, REGISTER_FIELDS);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (res.fetching) return;
    const r = await register({ input: { ...form, captcha } });
    setGen((g) => g + 1);
    const p = r.data?.registerCitizen;
    if (!p) return;
    setErrors(captchaErrorToAnswer(p.userErrors));
    if (p.challenge) setChallenge(p.challenge);
  };
  return (
    <>
      <PageTitle title={t('auth.registerTitle')}>{t('auth.registerTitle')}</PageTitle>
      <p className="muted">{t('auth.registerIntro')}</p>
      <form onSubmit={submit} noValidate className="form">
        <FormAlert messages={other} />
        <ErrorState error={res.error} />
        <Field path="idNumber" label={t('auth.idNumber')} hint={t('auth.idNumberHint')} error={byField.idNumber}>
          {(p) => <input {...p} inputMode="numeric" autoComplete="username" maxLength={20} value={form.idNumber} onChange={set('idNumber')} />}
        </Field>
        <Field path="fullName" label={t('auth.fullName')} error={byField.fullName}>
          {(p) => <input {...p} autoComplete="name" maxLength={100} value={form.fullName} onChange={set('fullName')} />}
        </Field>
        <Field path="dateOfBirth" label={t('auth.dateOfBirth')} error={byField.dateOfBirth}>
          {(p) => <input {...p} type="date" autoComplete="bday" value={form.dateOfBirth} onChange={set('dateOfBirth')} />}
        </Field>
        <Field path="socialInsuranceCode" label={t('auth.si')} hint={t('auth.siHint')} error={byField.socialInsuranceCode}>
          {(p) => <input {...p} inputMode="numeric" maxLength={20} value={form.socialInsuranceCode} onChange={set('socialInsuranceCode')} />}
        </Field>
        <Field path="phone" label={t('auth.phone')} hint={t('auth.phoneHint')} error={byField.phone}>
          {(p) => <input {...p} type="tel" autoComplete="tel" maxLength={20} value={form.phone} onChange={set('phone')} />}
        </Field>
        <Field path="password" label={t('auth.password')} hint={t('auth.passwordHint')} error={byField.password}>
          {(p) => <input {...p} type="password" autoComplete="new-password" maxLength={128} value={form.password} onChange={set('password')} />}
        </Field>
        <Captcha generation={gen} value={captcha} onChange={setCaptcha} error={byField['captcha.answer']} />
        <button type="submit" className="primary" disabled={res.fetching}>
          {t('auth.register')}
        </button>
      </form>
      <p>
        {t('auth.haveAccount')} <Link to={`/login?next=${encodeURIComponent(next)}`}>{t('nav.login')}</Link>
      </p>
    </>
  );
}

function useSecondsUntil(iso: string) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return Math.max(0, Math.ceil((new Date(iso).getTime() - now) / 1000));
}

/** The one-time password step of registration and login. */
function OtpStep({ challenge: initial, next }: { challenge: Challenge; next: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [challenge, setChallenge] = useState(initial);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<UserError[]>([]);
  const [attemptsLeft, setAttemptsLeft] = useState<number | null>(null);
  const [resent, setResent] = useState(false);
  const [res, verify] = useMutation(VerifyOtpDocument);
  const [resendRes, resend] = useMutation(ResendOtpDocument);
  const wait = useSecondsUntil(challenge.resendAvailableAt);
  const busy = useRef(false);
  const { byField, other } = splitErrors(errors, ['code']);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy.current) return;
    busy.current = true;
    const r = await verify({ input: { challengeId: challenge.id, code: code.trim() } });
    busy.current = false;
    const p = r.data?.verifyOtp;
    if (!p) return;
    // An OTP error names the code box, whatever path the server gives it.
    setErrors(p.userErrors.map((u) => ({ ...u, field: u.code === 'INVALID_OTP' || u.code === 'OTP_EXPIRED' || u.field?.includes('code') ? ['code'] : u.field })));
    setAttemptsLeft(p.attemptsLeft ?? null);
    if (p.session) {
      session.set(p.session.token, p.viewer?.citizen?.fullName ?? '');
      navigate(next, { replace: true });
    }
  };
  const onResend = async () => {
    const r = await resend({ input: { challengeId: challenge.id } });
    const p = r.data?.resendOtp;
    if (p?.challenge) {
      setChallenge({ ...challenge, ...p.challenge });
      setResent(true);
      setErrors([]);
    } else if (p) setErrors(p.userErrors as UserError[]);
  };
  return (
    <>
      <PageTitle title={t('otp.title')}>{t('otp.title')}</PageTitle>
      <p>{t('otp.sent', { phone: challenge.maskedPhone })}</p>
      <form onSubmit={submit} noValidate className="form">
        <FormAlert messages={other} />
        <ErrorState error={res.error ?? resendRes.error} />
        <Field path="code" label={t('otp.code')} error={byField.code}>
          {(p) => <input {...p} inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code}
            onChange={(e) => setCode(e.target.value)} />}
        </Field>
        {attemptsLeft !== null && (
          <p className="muted" role="status">
            {t('otp.attemptsLeft', { count: attemptsLeft })}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={res.fetching}>
            {t('otp.verify')}
          </button>
          <button type="button" className="secondary" onClick={onResend} disabled={wait > 0 || resendRes.fetching}>
            {wait > 0 ? t('otp.resendIn', { seconds: wait }) : t('otp.resend')}
          </button>
        </div>
        {resent && <p role="status">{t('otp.resent')}</p>}
      </form>
    </>
  );
}
