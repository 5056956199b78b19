import { useEffect, useState } from 'react';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import { CreateCaptchaDocument } from './gql/graphql';
import { ErrorState, Field } from './ui';

export type CaptchaValue = { id: string; answer: string };

/**
 * An image captcha with an audio alternative. A new one is fetched whenever
 * generation changes (a captcha is used up by every attempt).
 */
export function Captcha({ generation, value, onChange, error }: {
  generation: number;
  value: CaptchaValue;
  onChange: (v: CaptchaValue) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const [res, create] = useMutation(CreateCaptchaDocument);
  const [own, setOwn] = useState(0);
  useEffect(() => {
    void create({}).then((r) => {
      const c = r.data?.createCaptcha.captcha;
      if (c) onChange({ id: c.id, answer: '' });
    });
  }, [generation, own]); // eslint-disable-line react-hooks/exhaustive-deps
  const c = res.data?.createCaptcha.captcha;
  const play = () => {
    if (c?.audioDataUrl) void new Audio(c.audioDataUrl).play().catch(() => undefined);
  };
  return (
    <fieldset className="captcha">
      <legend>{t('captcha.legend')}</legend>
      {c?.imageDataUrl && <img src={c.imageDataUrl} alt={t('captcha.alt')} width="240" height="80" />}
      {res.fetching && !c && <p role="status">{t('common.loading')}</p>}
      <ErrorState error={res.error} retry={() => setOwn((n) => n + 1)} />
      <div className="row">
        <button type="button" className="secondary" onClick={play} disabled={!c?.audioDataUrl}>
          {t('captcha.audio')}
        </button>
        <button type="button" className="secondary" onClick={() => setOwn((n) => n + 1)}>
          {t('captcha.refresh')}
        </button>
      </div>
      <Field path="captcha.answer" label={t('captcha.answer')} error={error}>
        {(p) => (
          <input {...p} inputMode="numeric" autoComplete="off" maxLength={20} value={value.answer}
            onChange={(e) => onChange({ ...value, answer: e.target.value })} />
        )}
      </Field>
    </fieldset>
  );
}
