import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { AgencyOfficesDocument, ProvinceListDocument, ProvinceWardsDocument, type DeliveryInput } from './gql/graphql';
import { ErrorState, Field, Loading } from './ui';

/** How a result (a health card, a fine's held papers) comes back: at an office of the agency or by post. */
export type DeliveryDraft = {
  method: 'POSTAL' | 'COUNTER';
  counterProvince: string;
  officeCode: string;
  provinceCode: string;
  wardCode: string;
  street: string;
  recipientName: string;
  recipientPhone: string;
};

export const emptyDelivery = (recipientName = ''): DeliveryDraft => ({
  method: 'POSTAL', counterProvince: '', officeCode: '', provinceCode: '', wardCode: '', street: '', recipientName, recipientPhone: '',
});

/** The userError paths the delivery fields show next to themselves. */
export const DELIVERY_FIELDS = [
  'delivery.method', 'delivery.officeCode', 'delivery.address.provinceCode', 'delivery.address.wardCode', 'delivery.address.street',
  'delivery.address.recipientName', 'delivery.address.recipientPhone',
];

/** The DeliveryInput the API takes; withOffice false: COUNTER is the one office the agency names (a fine's deciding unit), no choice. */
export function deliveryInput(d: DeliveryDraft, withOffice = true): DeliveryInput {
  return d.method === 'COUNTER'
    ? withOffice ? { method: 'COUNTER', officeCode: d.officeCode } : { method: 'COUNTER' }
    : {
        method: 'POSTAL',
        address: {
          provinceCode: d.provinceCode, wardCode: d.wardCode, street: d.street.trim(),
          recipientName: d.recipientName.trim(), recipientPhone: d.recipientPhone.trim(),
        },
      };
}

/** Lookups the delivery's summary needs: province, ward and office names. */
export function useDeliveryNames(d: DeliveryDraft, agencyCode: string) {
  const [provinces] = useQuery({ query: ProvinceListDocument });
  const [offices] = useQuery({ query: AgencyOfficesDocument, variables: { code: agencyCode }, pause: !agencyCode });
  const [wards] = useQuery({ query: ProvinceWardsDocument, variables: { code: d.provinceCode }, pause: !d.provinceCode });
  const office = offices.data?.agency?.offices.find((o) => o.code === d.officeCode);
  const ward = wards.data?.province?.wards.find((w) => w.code === d.wardCode);
  const province = provinces.data?.provinces.find((p) => p.code === d.provinceCode)?.name ?? d.provinceCode;
  return {
    office: office ? `${office.name}, ${office.address}` : d.officeCode,
    address: [d.street, ward?.name, province].filter(Boolean).join(', '),
  };
}

type Props = {
  value: DeliveryDraft;
  onChange: (patch: Partial<DeliveryDraft>) => void;
  /** Whose offices the counter choice lists. */
  agencyCode: string;
  /** Errors by path (DELIVERY_FIELDS). */
  errors: Record<string, string>;
  legend: string;
  /** The words for each method, when not the reissue's ("Collect at the one-stop counter", "By post"). */
  methodLabel?: (m: 'POSTAL' | 'COUNTER') => string;
  /** COUNTER without an office to choose: this says where (e.g. a fine's deciding unit). */
  counterNote?: string;
};

/** The delivery fieldset: counter (province filter → office) or post (province → ward cascade, street, recipient, phone). */
export function DeliveryFields({ value: d, onChange, agencyCode, errors, legend, methodLabel, counterNote }: Props) {
  const { t } = useTranslation();
  const [provinces, reprovinces] = useQuery({ query: ProvinceListDocument });
  const [offices] = useQuery({ query: AgencyOfficesDocument, variables: { code: agencyCode }, pause: !agencyCode || Boolean(counterNote) });
  const [wards] = useQuery({ query: ProvinceWardsDocument, variables: { code: d.provinceCode }, pause: !d.provinceCode });
  const officeList = (offices.data?.agency?.offices ?? []).filter((o) => !d.counterProvince || o.provinceCode === d.counterProvince);
  return (
    <>
      <fieldset aria-describedby={errors['delivery.method'] ? 'f-delivery-method-error' : undefined}>
        <legend>{legend}</legend>
        {(['POSTAL', 'COUNTER'] as const).map((m) => (
          <label key={m} className="choice">
            <input type="radio" name="method" id={m === 'POSTAL' ? 'f-delivery-method' : undefined} value={m}
              checked={d.method === m} onChange={() => onChange({ method: m })} />
            {methodLabel ? methodLabel(m) : t(`delivery.${m}`)}
          </label>
        ))}
        {errors['delivery.method'] && <p className="field-error" id="f-delivery-method-error">{errors['delivery.method']}</p>}
      </fieldset>
      {provinces.fetching && !provinces.data && <Loading />}
      <ErrorState error={provinces.error} retry={() => reprovinces({ requestPolicy: 'network-only' })} />
      {d.method === 'COUNTER' && counterNote ? (
        <p className="note" data-testid="counter-note">{counterNote}</p>
      ) : d.method === 'COUNTER' ? (
        <>
          <Field path="counterProvince" label={t('reissue.officeProvince')}>
            {(p) => (
              <select {...p} value={d.counterProvince} onChange={(e) => onChange({ counterProvince: e.target.value, officeCode: '' })}>
                <option value="">{t('reissue.allProvinces')}</option>
                {provinces.data?.provinces.map((pr) => <option key={pr.code} value={pr.code}>{pr.name}</option>)}
              </select>
            )}
          </Field>
          <Field path="delivery.officeCode" label={t('reissue.office')} error={errors['delivery.officeCode']}>
            {(p) => (
              <select {...p} value={d.officeCode} onChange={(e) => onChange({ officeCode: e.target.value })}>
                <option value="">{officeList.length ? t('reissue.choose') : t('reissue.noOffice')}</option>
                {officeList.map((o) => <option key={o.code} value={o.code}>{o.name} — {o.address}</option>)}
              </select>
            )}
          </Field>
        </>
      ) : (
        <>
          <Field path="delivery.address.provinceCode" label={t('reissue.province')} error={errors['delivery.address.provinceCode']}>
            {(p) => (
              <select {...p} value={d.provinceCode} onChange={(e) => onChange({ provinceCode: e.target.value, wardCode: '' })}>
                <option value="">{t('reissue.choose')}</option>
                {provinces.data?.provinces.map((pr) => <option key={pr.code} value={pr.code}>{pr.name}</option>)}
              </select>
            )}
          </Field>
          <Field path="delivery.address.wardCode" label={t('reissue.ward')} error={errors['delivery.address.wardCode']}
            hint={d.provinceCode ? undefined : t('reissue.wardHint')}>
            {(p) => (
              <select {...p} value={d.wardCode} disabled={!d.provinceCode} onChange={(e) => onChange({ wardCode: e.target.value })}>
                <option value="">{wards.fetching ? t('common.loading') : t('reissue.choose')}</option>
                {(d.provinceCode ? wards.data?.province?.wards ?? [] : []).map((w) => <option key={w.code} value={w.code}>{w.name}</option>)}
              </select>
            )}
          </Field>
          <Field path="delivery.address.street" label={t('reissue.street')} error={errors['delivery.address.street']}>
            {(p) => <input {...p} autoComplete="street-address" maxLength={300} value={d.street} onChange={(e) => onChange({ street: e.target.value })} />}
          </Field>
          <Field path="delivery.address.recipientName" label={t('reissue.recipientName')} error={errors['delivery.address.recipientName']}>
            {(p) => <input {...p} autoComplete="name" maxLength={100} value={d.recipientName} onChange={(e) => onChange({ recipientName: e.target.value })} />}
          </Field>
          <Field path="delivery.address.recipientPhone" label={t('reissue.recipientPhone')} error={errors['delivery.address.recipientPhone']}>
            {(p) => <input {...p} type="tel" autoComplete="tel" maxLength={20} value={d.recipientPhone} onChange={(e) => onChange({ recipientPhone: e.target.value })} />}
          </Field>
        </>
      )}
    </>
  );
}
