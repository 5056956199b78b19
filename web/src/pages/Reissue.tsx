import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { ReissueHealthCardDocument, ServiceDetailDocument, type ReissueHealthCardInput } from '../gql/graphql';
import { Captcha, type CaptchaValue } from '../Captcha';
import { DELIVERY_FIELDS, DeliveryFields, deliveryInput, emptyDelivery, useDeliveryNames, type DeliveryDraft } from '../Delivery';
import { ErrorState, Field, FormAlert, PageTitle, splitErrors, type UserError } from '../ui';
import { drafts, session } from '../session';
import { useRequireLogin } from '../App';

const DRAFT = 'HC-REISSUE';
const ATTEMPT = 'HC-REISSUE.attempt';

type Draft = DeliveryDraft & {
  step: 'form' | 'review';
  reason: '' | 'LOST' | 'DAMAGED';
  socialInsuranceCode: string;
};

const empty: Draft = { ...emptyDelivery(), step: 'form', reason: '', socialInsuranceCode: '' };

export const REISSUE_FIELDS = ['reason', 'socialInsuranceCode', ...DELIVERY_FIELDS, 'captcha.answer'];

/** The input sent, without the captcha: what one idempotency key stands for. */
function toInput(d: Draft): Omit<ReissueHealthCardInput, 'captcha' | 'idempotencyKey'> {
  return {
    reason: (d.reason || 'LOST') as 'LOST' | 'DAMAGED',
    socialInsuranceCode: d.socialInsuranceCode.trim(),
    delivery: deliveryInput(d),
  };
}

export function newKey() {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The health-card reissue: form, review with captcha, confirm; a draft kept across reloads and logins. */
export default function Reissue() {
  const loggedIn = useRequireLogin();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [d, setD] = useState<Draft>(() => ({ ...empty, recipientName: session.name() ?? '', ...drafts.load<Draft>(DRAFT) }));
  const [errors, setErrors] = useState<UserError[]>([]);
  const [captcha, setCaptcha] = useState<CaptchaValue>({ id: '', answer: '' });
  const [gen, setGen] = useState(0);
  const [res, reissue] = useMutation(ReissueHealthCardDocument);
  const sending = useRef(false);

  useEffect(() => drafts.save(DRAFT, d), [d]);
  const [svc] = useQuery({ query: ServiceDetailDocument, variables: { code: 'HC-REISSUE' } });
  const agencyCode = svc.data?.service?.agency.code ?? '';
  const names = useDeliveryNames(d, agencyCode);

  if (!loggedIn) return null;
  const { byField, other } = splitErrors(errors, REISSUE_FIELDS);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((cur) => ({ ...cur, [k]: v }));
  const input = toInput(d);

  const toReview = (e: FormEvent) => {
    e.preventDefault();
    const local: UserError[] = [];
    if (!d.reason) local.push({ field: ['reason'], message: t('form.required'), code: 'REQUIRED' });
    if (!d.socialInsuranceCode.trim()) local.push({ field: ['socialInsuranceCode'], message: t('form.required'), code: 'REQUIRED' });
    setErrors(local);
    if (local.length === 0) set('step', 'review');
  };

  const confirm = async () => {
    if (sending.current) return; // a double click sends once
    sending.current = true;
    try {
      const json = JSON.stringify(input);
      let attempt = drafts.load<{ key: string; input: string }>(ATTEMPT);
      if (!attempt || attempt.input !== json) {
        attempt = { key: newKey(), input: json };
        drafts.save(ATTEMPT, attempt); // before sending: a reload reuses it
      }
      const r = await reissue({ input: { ...input, captcha, idempotencyKey: attempt.key } });
      if (r.error) return; // shown below; nothing lost, the same key is used on retry
      setGen((g) => g + 1);
      const p = r.data?.reissueHealthCard;
      if (!p) return;
      if (p.application) {
        drafts.clear(DRAFT);
        drafts.clear(ATTEMPT);
        navigate(`/done/${encodeURIComponent(p.application.id)}`, { replace: true });
        return;
      }
      const errs = p.userErrors.map((u) => (u.field?.[0] === 'captcha' ? { ...u, field: ['captcha', 'answer'] } : u));
      setErrors(errs);
      const onForm = errs.some((u) => REISSUE_FIELDS.includes((u.field ?? []).join('.')) && u.field?.[0] !== 'captcha');
      if (onForm) set('step', 'form');
    } finally {
      sending.current = false;
    }
  };

  if (d.step === 'review') {
    return (
      <>
        <PageTitle title={t('reissue.reviewTitle')}>{t('reissue.reviewTitle')}</PageTitle>
        <FormAlert messages={other} />
        <ErrorState error={res.error} />
        <dl className="summary">
          <dt>{t('reissue.reason')}</dt>
          <dd>{d.reason ? t(`reason.${d.reason}`) : '—'}</dd>
          <dt>{t('auth.si')}</dt>
          <dd>{d.socialInsuranceCode}</dd>
          <dt>{t('reissue.method')}</dt>
          <dd>{t(`delivery.${d.method}`)}</dd>
          {d.method === 'COUNTER' ? (
            <>
              <dt>{t('reissue.office')}</dt>
              <dd>{names.office || '—'}</dd>
            </>
          ) : (
            <>
              <dt>{t('reissue.address')}</dt>
              <dd>{names.address || '—'}</dd>
              <dt>{t('reissue.recipient')}</dt>
              <dd>{d.recipientName} · {d.recipientPhone}</dd>
            </>
          )}
        </dl>
        <form className="form" noValidate onSubmit={(e) => { e.preventDefault(); void confirm(); }}>
          <Captcha generation={gen} value={captcha} onChange={setCaptcha} error={byField['captcha.answer']} />
          <div className="row">
            <button type="button" id="edit-draft" className="secondary" onClick={() => set('step', 'form')}>
              {t('reissue.edit')}
            </button>
            <button type="submit" className="primary" disabled={res.fetching} aria-busy={res.fetching}>
              {res.fetching ? t('reissue.sending') : t('reissue.confirm')}
            </button>
          </div>
        </form>
      </>
    );
  }

  return (
    <>
      <PageTitle title={t('reissue.title')}>{t('reissue.title')}</PageTitle>
      <p className="muted">{t('reissue.intro')}</p>
      <form className="form" noValidate onSubmit={toReview}>
        <FormAlert messages={other} />
        <ErrorState error={res.error} />
        <fieldset aria-describedby={byField.reason ? 'f-reason-error' : undefined} className={byField.reason ? 'has-error' : ''}>
          <legend>{t('reissue.reason')}</legend>
          {(['LOST', 'DAMAGED'] as const).map((r) => (
            <label key={r} className="choice">
              <input type="radio" name="reason" id={r === 'LOST' ? 'f-reason' : undefined} value={r} checked={d.reason === r}
                onChange={() => set('reason', r)} />
              {t(`reason.${r}`)}
            </label>
          ))}
          {byField.reason && <p className="field-error" id="f-reason-error">{byField.reason}</p>}
        </fieldset>
        <Field path="socialInsuranceCode" label={t('auth.si')} hint={t('auth.siHint')} error={byField.socialInsuranceCode}>
          {(p) => <input {...p} inputMode="numeric" maxLength={20} value={d.socialInsuranceCode}
            onChange={(e) => set('socialInsuranceCode', e.target.value)} />}
        </Field>
        <DeliveryFields value={d} onChange={(patch) => setD((cur) => ({ ...cur, ...patch }))} agencyCode={agencyCode}
          errors={byField} legend={t('reissue.method')} />
        <button type="submit" className="primary">{t('reissue.next')}</button>
      </form>
    </>
  );
}
