// The citizen session token lives in sessionStorage (this tab, survives a
// reload, gone when the tab closes); the agency API key never leaves memory.
const TOKEN = 'dvc.token';
const NAME = 'dvc.name';
// The enterprise the representative acts for: `{id, name}` JSON, for this session.
const ACTING = 'dvc.acting';

type Listener = () => void;
const listeners = new Set<Listener>();

function read(k: string): string | null {
  try {
    return sessionStorage.getItem(k);
  } catch {
    return null;
  }
}

export const session = {
  token: (): string | null => read(TOKEN),
  name: (): string | null => read(NAME),
  set(token: string, name: string) {
    sessionStorage.setItem(TOKEN, token);
    sessionStorage.setItem(NAME, name);
    listeners.forEach((l) => l());
  },
  /** The enterprise acted for (JSON `{id, name}`), null when acting for oneself. */
  acting: (): string | null => read(ACTING),
  setActing(e: { id: string; name: string } | null) {
    try {
      if (e) sessionStorage.setItem(ACTING, JSON.stringify({ id: e.id, name: e.name }));
      else sessionStorage.removeItem(ACTING);
    } catch {
      /* storage blocked */
    }
    listeners.forEach((l) => l());
  },
  clear() {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(NAME);
    sessionStorage.removeItem(ACTING);
    listeners.forEach((l) => l());
  },
  subscribe(l: Listener) {
    listeners.add(l);
    return () => void listeners.delete(l);
  },
};

/** Form drafts kept across a reload, a lost session or a failed request. */
export const drafts = {
  load<T>(key: string): T | null {
    try {
      const s = sessionStorage.getItem('dvc.draft.' + key);
      return s ? (JSON.parse(s) as T) : null;
    } catch {
      return null;
    }
  },
  save(key: string, value: unknown) {
    try {
      sessionStorage.setItem('dvc.draft.' + key, JSON.stringify(value));
    } catch {
      /* storage full or blocked: the draft lives in memory only */
    }
  },
  clear(key: string) {
    try {
      sessionStorage.removeItem('dvc.draft.' + key);
    } catch {
      /* ignore */
    }
  },
};
