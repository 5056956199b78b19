import { stringifyDocument } from '@urql/core';
import { UploadDocumentDocument, type UploadDocumentMutation } from './gql/graphql';
import { session } from './session';

/** What the server accepts (by content; checked here first by the browser's type and the size). */
export const UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
export const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

export type Uploaded = NonNullable<UploadDocumentMutation['uploadDocument']['upload']>;
export type UploadResult =
  | { ok: true; upload: Uploaded }
  | { ok: false; kind: 'type' | 'size' | 'network' | 'server'; message?: string };

/** The client-side check before any byte is sent: PDF/JPEG/PNG, at most 20 MiB, not empty. */
export function precheck(file: File): 'type' | 'size' | null {
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  const typeOK = UPLOAD_TYPES.includes(file.type) || ['pdf', 'jpg', 'jpeg', 'png'].includes(ext);
  if (!typeOK) return 'type';
  if (file.size > UPLOAD_MAX_BYTES || file.size === 0) return 'size';
  return null;
}

/**
 * Sends one file with uploadDocument as a GraphQL multipart request
 * (operations + map + file "0"), with the preflight header the server requires,
 * reporting progress (XMLHttpRequest: fetch has no upload progress).
 */
export function uploadDocument(file: File, lang: string, onProgress: (fraction: number) => void, bearer?: string): Promise<UploadResult> {
  return new Promise((resolve) => {
    const body = new FormData();
    body.append('operations', JSON.stringify({ query: stringifyDocument(UploadDocumentDocument), variables: { file: null } }));
    body.append('map', JSON.stringify({ 0: ['variables.file'] }));
    body.append('0', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/graphql');
    xhr.setRequestHeader('GraphQL-Preflight', '1');
    xhr.setRequestHeader('Accept-Language', lang);
    const token = bearer ?? session.token();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => resolve({ ok: false, kind: 'network' });
    xhr.onload = () => {
      try {
        const r = JSON.parse(xhr.responseText) as { data?: UploadDocumentMutation; errors?: { message: string }[] };
        const p = r.data?.uploadDocument;
        if (p?.upload) return resolve({ ok: true, upload: p.upload });
        const e = p?.userErrors[0];
        if (e) return resolve({ ok: false, kind: e.code === 'FILE_TOO_LARGE' ? 'size' : e.code === 'FILE_TYPE_NOT_ALLOWED' ? 'type' : 'server', message: e.message });
        resolve({ ok: false, kind: 'server', message: r.errors?.[0]?.message });
      } catch {
        resolve({ ok: false, kind: xhr.status === 413 ? 'size' : 'server' });
      }
    };
    xhr.send(body);
  });
}
