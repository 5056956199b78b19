import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  AgencyOfficesDocument, ProvinceListDocument, ProvinceWardsDocument, ReissueHealthCardDocument, ServiceDetailDocument,
  type ReissueHealthCardInput,
} from '../gql/graphql';
import { Captcha, type CaptchaValue } from '../Captcha';
import { ErrorState, Field, FormAlert, Loading, PageTitle, splitErrors, type UserError } from '../ui';
import { drafts, session } from '../session';
import { useRequireLogin } from '../App';

const DRAFT = 'HC-REISSUE';
const ATTEMPT = 'HC-REISSUE.attempt';

type Draft = {
  step: 'form' | 'review';
  reason: '' | 'LOST' | 'DAMAGED';
  socialInsuranceCode: string;
  method: 'POSTAL' | 'COUNTER';
  counterProvince: string;
  officeCode: string;
  provinceCode: string;
  wardCode: string;
  street: string;
  recipientName: string;
  recipientPhone: string;
};

const empty: Draft = {
  step: 'form', reason: '', socialInsuranceCode: '', method: 'POSTAL', counterProvince: '', officeCode: '',
  provinceCode: '', wardCode: '', street: '', recipientName: '', recipientPhone: '',
};

export const REISSUE_FIELDS = [
  'reason', 'socialInsuranceCode', 'delivery.method', 'delivery.officeCode', 'delivery.address.provinceCode',
  'delivery.address.wardCode', 'delivery.address.street', 'delivery.address.recipientName', 'delivery.address.recipientPhone',
  'captcha.answer',
];

/** The input sent, without the captcha: what one idempotency key stands for. */
function toInput(d: Draft): Omit<ReissueHealthCardInput, 'captcha' | 'idempotencyKey'> {
  return {
    reason: (d.reason || 'LOST') as 'LOST' | 'DAMAGED',
    socialInsuranceCode: d.socialInsuranceCode.trim(),
    delivery: d.method === 'COUNTER'
      ? { method: 'COUNTER', officeCode: d.officeCode }
      : {
          method: 'POSTAL',
          address: {
            provinceCode: d.provinceCode, wardCode: d.wardCode, street: d.street.trim(),
            recipientName: d.recipientName.trim(), recipientPhone: d.recipientPhone.trim(),
          },
        },
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
  const [provinces, reprovinces] = useQuery({ query: ProvinceListDocument });
  const [offices] = useQuery({ query: AgencyOfficesDocument, variables: { code: agencyCode }, pause: !agencyCode });
  const [wards] = useQuery({ query: ProvinceWardsDocument, variables: { code: d.provinceCode }, pause: !d.provinceCode });

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

  const officeList = (offices.data?.agency?.offices ?? []).filter((o) => !d.counterProvince || o.provinceCode === d.counterProvince);
  const provinceName = (code: string) => provinces.data?.provinces.find((p) => p.code === code)?.name ?? code;

  if (d.step === 'review') {
    const office = offices.data?.agency?.offices.find((o) => o.code === d.officeCode);
    const ward = wards.data?.province?.wards.find((w) => w.code === d.wardCode);
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
              <dd>{office ? `${office.name}, ${office.address}` : d.officeCode || '—'}</dd>
            </>
          ) : (
            <>
              <dt>{t('reissue.address')}</dt>
              <dd>{[d.street, ward?.name, provinceName(d.provinceCode)].filter(Boolean).join(', ') || '—'}</dd>
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
        <fieldset aria-describedby={byField['delivery.method'] ? 'f-delivery-method-error' : undefined}>
          <legend>{t('reissue.method')}</legend>
          {(['POSTAL', 'COUNTER'] as const).map((m) => (
            <label key={m} className="choice">
              <input type="radio" name="method" id={m === 'POSTAL' ? 'f-delivery-method' : undefined} value={m}
                checked={d.method === m} onChange={() => set('method', m)} />
              {t(`delivery.${m}`)}
            </label>
          ))}
          {byField['delivery.method'] && <p className="field-error" id="f-delivery-method-error">{byField['delivery.method']}</p>}
        </fieldset>
        {provinces.fetching && !provinces.data && <Loading />}
        <ErrorState error={provinces.error} retry={() => reprovinces({ requestPolicy: 'network-only' })} />
        {d.method === 'COUNTER' ? (
          <>
            <Field path="counterProvince" label={t('reissue.officeProvince')}>
              {(p) => (
                <select {...p} value={d.counterProvince} onChange={(e) => setD({ ...d, counterProvince: e.target.value, officeCode: '' })}>
                  <option value="">{t('reissue.allProvinces')}</option>
                  {provinces.data?.provinces.map((pr) => <option key={pr.code} value={pr.code}>{pr.name}</option>)}
                </select>
              )}
            </Field>
            <Field path="delivery.officeCode" label={t('reissue.office')} error={byField['delivery.officeCode']}>
              {(p) => (
                <select {...p} value={d.officeCode} onChange={(e) => set('officeCode', e.target.value)}>
                  <option value="">{officeList.length ? t('reissue.choose') : t('reissue.noOffice')}</option>
                  {officeList.map((o) => <option key={o.code} value={o.code}>{o.name} — {o.address}</option>)}
                </select>
              )}
            </Field>
          </>
        ) : (
          <>
            <Field path="delivery.address.provinceCode" label={t('reissue.province')} error={byField['delivery.address.provinceCode']}>
              {(p) => (
                <select {...p} value={d.provinceCode} onChange={(e) => setD({ ...d, provinceCode: e.target.value, wardCode: '' })}>
                  <option value="">{t('reissue.choose')}</option>
                  {provinces.data?.provinces.map((pr) => <option key={pr.code} value={pr.code}>{pr.name}</option>)}
                </select>
              )}
            </Field>
            <Field path="delivery.address.wardCode" label={t('reissue.ward')} error={byField['delivery.address.wardCode']}
              hint={d.provinceCode ? undefined : t('reissue.wardHint')}>
              {(p) => (
                <select {...p} value={d.wardCode} disabled={!d.provinceCode} onChange={(e) => set('wardCode', e.target.value)}>
                  <option value="">{wards.fetching ? t('common.loading') : t('reissue.choose')}</option>
                  {(d.provinceCode ? wards.data?.province?.wards ?? [] : []).map((w) => <option key={w.code} value={w.code}>{w.name}</option>)}
                </select>
              )}
            </Field>
            <Field path="delivery.address.street" label={t('reissue.street')} error={byField['delivery.address.street']}>
              {(p) => <input {...p} autoComplete="street-address" maxLength={300} value={d.street} onChange={(e) => set('street', e.target.value)} />}
            </Field>
            <Field path="delivery.address.recipientName" label={t('reissue.recipientName')} error={byField['delivery.address.recipientName']}>
              {(p) => <input {...p} autoComplete="name" maxLength={100} value={d.recipientName} onChange={(e) => set('recipientName', e.target.value)} />}
            </Field>
            <Field path="delivery.address.recipientPhone" label={t('reissue.recipientPhone')} error={byField['delivery.address.recipientPhone']}>
              {(p) => <input {...p} type="tel" autoComplete="tel" maxLength={20} value={d.recipientPhone} onChange={(e) => set('recipientPhone', e.target.value)} />}
            </Field>
          </>
        )}
        <button type="submit" className="primary">{t('reissue.next')}</button>
      </form>
    </>
  );
}
