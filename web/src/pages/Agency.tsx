import { useMemo, useState, type FormEvent } from 'react';
import { Provider, useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { agencyClient } from '../client';
import {
  AgencyInboxDocument, ApplicationDetailDocument, TransitionApplicationDocument,
  type ApplicationAction, type ApplicationStatus,
} from '../gql/graphql';
import { Documents, ErrorState, Field, formatDate, formatDateTime, FormAlert, Loading, PagedTable, PageTitle, splitErrors, usePaged, type UserError } from '../ui';
import { StatusBadge } from './MyApps';
import { precheck, uploadDocument } from '../upload';

// The key lives in this module only: never in storage or a URL; a reload forgets it.
let memoryKey = '';

const STATUSES: ApplicationStatus[] = ['SUBMITTED', 'RECEIVED', 'PROCESSING', 'SUPPLEMENT_REQUESTED', 'RESULT_READY', 'COMPLETED', 'REJECTED', 'CANCELLED'];
const ACTIONS: ApplicationAction[] = ['RECEIVE', 'START_PROCESSING', 'REQUEST_SUPPLEMENT', 'REJECT', 'MARK_RESULT_READY', 'COMPLETE', 'RESCHEDULE'];
const NEEDS_NOTE: ApplicationAction[] = ['REQUEST_SUPPLEMENT', 'REJECT', 'RESCHEDULE'];
const TAKES_RESULT: ApplicationAction[] = ['COMPLETE', 'MARK_RESULT_READY', 'REJECT'];

/** The agency console: an API key pasted in, the inbox by status (oldest first), an application and its moves. */
export default function Agency() {
  const { t, i18n } = useTranslation();
  const [key, setKey] = useState(memoryKey);
  const [draft, setDraft] = useState('');
  const [keyError, setKeyError] = useState('');
  const client = useMemo(() => (key ? agencyClient(i18n.language, key) : null), [key, i18n.language]);
  if (!client) {
    const submit = (e: FormEvent) => {
      e.preventDefault();
      // An API key is printable ASCII; anything else cannot even be sent as a header.
      if (!/^[\x21-\x7e]+$/.test(draft.trim())) {
        setKeyError(t('agency.keyInvalid'));
        return;
      }
      setKeyError('');
      memoryKey = draft.trim();
      setKey(memoryKey);
      setDraft('');
    };
    return (
      <>
        <PageTitle title={t('agency.title')}>{t('agency.title')}</PageTitle>
        <form className="form" onSubmit={submit}>
          <Field path="apiKey" label={t('agency.key')} hint={t('agency.keyHint')} error={keyError}>
            {(p) => <input {...p} type="password" autoComplete="off" maxLength={512} value={draft} onChange={(e) => setDraft(e.target.value)} />}
          </Field>
          <button type="submit" className="primary" disabled={!draft.trim()}>{t('agency.open')}</button>
        </form>
      </>
    );
  }
  const forget = () => {
    memoryKey = '';
    setKey('');
  };
  return (
    <Provider value={client}>
      <Console onForget={forget} />
    </Provider>
  );
}

function Console({ onForget }: { onForget: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ApplicationStatus>('SUBMITTED');
  const [selected, setSelected] = useState<string | null>(null);
  const list = usePaged(AgencyInboxDocument, { status }, (d) => d?.agencyApplications);
  const { refresh } = list;
  if (selected) return <AgencyApplication id={selected} onBack={() => { setSelected(null); refresh(); }} />;
  return (
    <>
      <PageTitle title={t('agency.inbox')}>{t('agency.inbox')}</PageTitle>
      <div className="row">
        <Field path="status" label={t('apps.status')}>
          {(p) => (
            <select {...p} value={status} onChange={(e) => setStatus(e.target.value as ApplicationStatus)}>
              {STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
            </select>
          )}
        </Field>
        <button type="button" className="secondary" onClick={refresh}>{t('common.refresh')}</button>
        <button type="button" className="link" onClick={onForget}>{t('agency.forget')}</button>
      </div>
      <div aria-live="polite">
        <PagedTable list={list} caption={t('agency.inbox')} empty={t('agency.empty')} columns={[
          { header: t('apps.code'), cell: (a) => <button type="button" className="link" onClick={() => setSelected(a.id)}>{a.code}</button> },
          { header: t('apps.service'), cell: (a) => a.service.name },
          { header: t('apps.submittedAt'), cell: (a) => formatDateTime(a.submittedAt, t('locale')) },
          { header: t('done.appointment'), cell: (a) => formatDate(a.appointmentDate) },
        ]} />
      </div>
    </>
  );
}

function AgencyApplication({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const [res, reexecute] = useQuery({ query: ApplicationDetailDocument, variables: { id } });
  const [tr, transition] = useMutation(TransitionApplicationDocument);
  const [action, setAction] = useState<ApplicationAction>('RECEIVE');
  const [note, setNote] = useState('');
  const [date, setDate] = useState('');
  const [errors, setErrors] = useState<UserError[]>([]);
  const [done, setDone] = useState('');
  const [result, setResult] = useState<File | null>(null);
  const [resultError, setResultError] = useState('');
  const [uploading, setUploading] = useState(false);
  const { i18n } = useTranslation();
  const a = res.data?.node && 'code' in res.data.node ? res.data.node : null;
  const { byField, other } = splitErrors(errors, ['note', 'newAppointmentDate', 'action', 'resultUploadId']);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (tr.fetching || uploading) return;
    setDone('');
    setResultError('');
    let resultUploadId: string | null = null;
    if (result && TAKES_RESULT.includes(action)) {
      const bad = precheck(result);
      if (bad) {
        setResultError(t(bad === 'type' ? 'promo.badType' : 'promo.tooLarge'));
        return;
      }
      setUploading(true);
      const u = await uploadDocument(result, i18n.language, () => undefined, memoryKey);
      setUploading(false);
      if (!u.ok) {
        setResultError(u.message ?? t(u.kind === 'network' ? 'err.network' : 'err.generic'));
        return;
      }
      resultUploadId = u.upload.id;
    }
    const r = await transition({
      input: {
        applicationId: id, action, note: note.trim() || null, newAppointmentDate: action === 'RESCHEDULE' ? date || null : null,
        resultUploadId,
      },
    });
    const p = r.data?.transitionApplication;
    if (!p) return;
    setErrors(p.userErrors);
    if (p.application) {
      setDone(t('agency.moved', { status: t(`status.${p.application.status}`) }));
      setNote('');
      setResult(null);
      reexecute({ requestPolicy: 'network-only' });
    }
  };
  return (
    <>
      <p><button type="button" className="link" onClick={onBack}>← {t('agency.back')}</button></p>
      {res.fetching && !res.data && <Loading />}
      <ErrorState error={res.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />
      {res.data && !a && <p>{t('apps.notFound')}</p>}
      {a && (
        <>
          <PageTitle title={a.code}>{t('apps.detailTitle', { code: a.code })}</PageTitle>
          <dl className="summary">
            <dt>{t('apps.service')}</dt>
            <dd>{a.service.name}</dd>
            <dt>{t('apps.status')}</dt>
            <dd data-testid="agency-status"><StatusBadge status={a.status} /></dd>
            <dt>{t('done.appointment')}</dt>
            <dd>{formatDate(a.appointmentDate)}</dd>
            <dt>{t('reissue.method')}</dt>
            <dd>
              {t(`delivery.${a.delivery.method}`)}
              {a.delivery.office && ` — ${a.delivery.office.name}`}
              {a.delivery.address && ` — ${a.delivery.address.formatted}`}
            </dd>
          </dl>
          <Documents docs={a.documents} />
          <form className="form" onSubmit={submit} noValidate>
            <h2>{t('agency.move')}</h2>
            <FormAlert messages={other} />
            <ErrorState error={tr.error} />
            {done && <p className="success" role="status">{done}</p>}
            <Field path="action" label={t('agency.action')} error={byField.action}>
              {(p) => (
                <select {...p} value={action} onChange={(e) => setAction(e.target.value as ApplicationAction)}>
                  {ACTIONS.map((x) => <option key={x} value={x}>{t(`action.${x}`)}</option>)}
                </select>
              )}
            </Field>
            <Field path="note" label={NEEDS_NOTE.includes(action) ? t('agency.noteRequired') : t('agency.note')} error={byField.note}>
              {(p) => <textarea {...p} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />}
            </Field>
            {action === 'RESCHEDULE' && (
              <Field path="newAppointmentDate" label={t('agency.newDate')} error={byField.newAppointmentDate}>
                {(p) => <input {...p} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
              </Field>
            )}
            {TAKES_RESULT.includes(action) && (
              <Field path="resultUploadId" label={t('docs.resultFile')} error={resultError || byField.resultUploadId}>
                {(p) => <input {...p} type="file" accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                  onChange={(e) => setResult(e.target.files?.[0] ?? null)} />}
              </Field>
            )}
            <button type="submit" className="primary" disabled={tr.fetching || uploading} aria-busy={uploading}>{t('agency.apply')}</button>
          </form>
          <h2>{t('apps.history')}</h2>
          <ol className="history">
            {a.history.map((h, i) => (
              <li key={i}>
                <span className="muted">{formatDateTime(h.at, t('locale'))}</span> · {t(`action.${h.action}`)} · {t(`actor.${h.actor}`)} · <StatusBadge status={h.status} />
                {h.note && <p className="note">{h.note}</p>}
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}
