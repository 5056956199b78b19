// The portal's browser suite: puppeteer-core drives the OS Chromium against a
// real server (started by internal/e2e/web_test.go, which passes one JSON
// argument: baseURL, agencyKey, otherKey, smsFile, artifacts, chromium).
//
// Every screen is checked with axe-core (WCAG 2.1 AA tags, 0 violations
// allowed) and photographed under artifacts/<size>/<lang>/<screen>.png. Any
// HTTP 5xx, page error, CSP violation or dialog fails the run.
import puppeteer from 'puppeteer-core';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';

// The pages a scenario opened: photographed when it fails, closed when it ends.
const scenario = new AsyncLocalStorage();

const cfg = JSON.parse(process.argv[2]);
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PASSWORD = 'Cong-dan-2026!thu';
const started = Date.now();

const P = {
  an: { id: '001090012345', name: 'Nguyễn Văn An', dob: '1990-05-12', si: '0123456789', phone: '0912345678' },
  ngoc: { id: '079185769739', name: 'Trần Thị Bích Ngọc', dob: '1985-03-08', si: '7991534695', phone: '0560630421' },
  nam: { id: '045201256135', name: 'Lê Hoàng Nam', dob: '2001-09-02', si: '4849025476', phone: '0972695044' },
  lan: { id: '034303597338', name: 'Vũ Thị Lan', dob: '2003-01-27', si: '9246977269', phone: '0377945846' },
  dat: { id: '006205381931', name: 'Nguyễn Văn Đạt', dob: '2005-06-25', si: '9223579236', phone: '0916562129' },
  uyen: { id: '052151418986', name: 'Lê Diệu Uyên', dob: '1951-10-05', si: '5250152739', phone: '0379145026' },
};

const failures = [];
const axeReport = [];
const screens = [];
const results = [];

rmSync(cfg.artifacts, { recursive: true, force: true });
mkdirSync(cfg.artifacts, { recursive: true });

function log(...a) {
  const line = `[${((Date.now() - started) / 1000).toFixed(1)}s] ` + a.join(' ');
  console.log(line);
  appendFileSync(path.join(cfg.artifacts, 'log.txt'), line + '\n');
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

const browser = await puppeteer.launch({
  executablePath: cfg.chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--lang=vi-VN', '--autoplay-policy=no-user-gesture-required'],
});

/** A fresh browser context (own storage) with a page of the given size and client address. */
async function newPage(ctxName, { width = 1280, height = 800, mobile = false, ip }) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width, height, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: 1 });
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': ip });
  page.setDefaultTimeout(15000);
  // Counts the app's requests in flight, for settle() (puppeteer's own network-idle
  // wait can keep counting a request a navigation cancelled).
  await page.evaluateOnNewDocument(() => {
    let n = 0;
    const f = window.fetch;
    window.__inflight = () => n;
    window.fetch = (...a) => {
      n++;
      return f.apply(window, a).finally(() => n--);
    };
  });
  page.on('response', (r) => {
    if (r.status() >= 500) failures.push(`${ctxName}: HTTP ${r.status()} for ${r.request().method()} ${r.url()}`);
  });
  page.on('pageerror', (e) => failures.push(`${ctxName}: page error: ${e.message}`));
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(m.text())) failures.push(`${ctxName}: CSP: ${m.text()}`);
  });
  page.on('dialog', async (d) => {
    if (d.type() === 'confirm' && page.acceptConfirm) return d.accept();
    failures.push(`${ctxName}: unexpected dialog: ${d.message()}`);
    await d.dismiss();
  });
  page.ctxName = ctxName;
  page.size = mobile ? 'phone' : 'desktop';
  let closed = false;
  page.closeAll = async () => {
    if (!closed) {
      closed = true;
      await context.close();
    }
  };
  scenario.getStore()?.pages.push(page);
  return page;
}

const url = (p) => cfg.baseURL + p;

/** Waits until the app has no request in flight and shows no loading state, twice 100 ms apart, and fonts are in. */
async function settle(page) {
  const idle = () => page.waitForFunction(() => window.__inflight?.() === 0 && !document.querySelector('.loading'), { polling: 50, timeout: 10000 }).catch(() => undefined);
  await idle();
  await new Promise((r) => setTimeout(r, 100));
  await idle();
  await page.evaluate(() => document.fonts.ready.then(() => true)).catch(() => undefined);
}

async function lang(page) {
  return page.evaluate(() => document.documentElement.lang);
}

async function runAxe(page, name) {
  const has = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!has) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  axeReport.push({ screen: name, size: page.size, lang: await lang(page), violations });
  for (const v of violations) failures.push(`axe ${page.size}/${await lang(page)}/${name}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(', ')}`);
}

/** axe + a screenshot of the current screen, in this language and (both=true) the other one too. */
async function screen(page, name, { both = page.size === 'desktop' } = {}) {
  await settle(page);
  const shoot = async () => {
    const l = await lang(page);
    await runAxe(page, name);
    const dir = path.join(cfg.artifacts, page.size, l);
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
    screens.push(`${page.size}/${l}/${name}.png`);
    log('screen', page.ctxName, `${page.size}/${l}/${name}`);
  };
  await shoot();
  if (both) {
    await switchLang(page);
    await shoot();
    await switchLang(page);
  }
}

async function switchLang(page) {
  const before = await lang(page);
  await page.click('header button.lang');
  await page.waitForFunction((b) => document.documentElement.lang !== b, {}, before);
  await settle(page);
}

/** Sets a React-controlled input's value (for date inputs, whose typing depends on the locale). */
async function setValue(page, sel, value) {
  await page.$eval(sel, (el, v) => {
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

async function fill(page, sel, value) {
  await page.waitForSelector(sel);
  await setValue(page, sel, '');
  if (value) await page.type(sel, value);
}

/** Puts a whole string into a field at once (past maxLength: what a script, not a keyboard, could send). */
async function put(page, sel, v) {
  await page.waitForSelector(sel);
  await setValue(page, sel, v);
}

async function value(page, sel) {
  return page.$eval(sel, (el) => el.value);
}

async function text(page, sel) {
  await page.waitForSelector(sel);
  return page.$eval(sel, (el) => el.textContent.trim());
}

async function go(page, p) {
  await page.goto(url(p), { waitUntil: 'load' });
  await settle(page);
}

// ---- SMS sink ----
function smsLines() {
  if (!existsSync(cfg.smsFile)) return [];
  return readFileSync(cfg.smsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}
const local = (to) => to.replace(/^\+84/, '0');
async function waitSMS(match, after = 0, what = 'SMS') {
  for (let i = 0; i < 300; i++) {
    const m = smsLines().slice(after).find(match);
    if (m) return m;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${what} within 15 s`);
}
async function otpFor(phone, after) {
  const m = await waitSMS((s) => local(s.to) === phone && /\b\d{6}\b/.test(s.text), after, `OTP SMS to ${phone}`);
  return m.text.match(/\b(\d{6})\b/)[1];
}

// ---- citizen helpers ----
async function captcha(page, answer = '000000') {
  await page.waitForSelector('.captcha img');
  await fill(page, '#f-captcha-answer', answer);
}

async function register(page, p, shots = false, wrongFirst = false) {
  await go(page, '/register');
  await fill(page, '#f-idNumber', p.id);
  await fill(page, '#f-fullName', p.name);
  await setValue(page, '#f-dateOfBirth', p.dob);
  await fill(page, '#f-socialInsuranceCode', p.si);
  await fill(page, '#f-phone', p.phone);
  await fill(page, '#f-password', PASSWORD);
  await captcha(page);
  if (shots) await screen(page, 'register');
  const n = smsLines().length;
  await page.click('main form button[type=submit]');
  await page.waitForSelector('#f-code');
  assert((await text(page, 'main')).includes(p.phone.slice(-3)), 'OTP screen shows the masked phone');
  if (shots) await screen(page, 'otp');
  const code = await otpFor(p.phone, n);
  if (wrongFirst) {
    // A wrong code: the error at the code box and the attempts left.
    await fill(page, '#f-code', String((Number(code) + 1) % 1000000).padStart(6, '0'));
    await page.click('main form button[type=submit]');
    await page.waitForSelector('#f-code-error');
    assert(/Còn \d+ lần thử|\d+ attempts? left/.test(await text(page, 'main')), 'attempts left shown after a wrong OTP');
  }
  await fill(page, '#f-code', code);
  await page.click('main form button[type=submit]');
  await page.waitForSelector('header .who');
}

async function logout(page) {
  await page.click('header nav button.link');
  await page.waitForSelector('header nav a[href^="/login"]');
}

async function login(page, p, { shots = false, from } = {}) {
  if (from !== 'here') await go(page, '/login');
  await fill(page, '#f-idNumber', p.id);
  await fill(page, '#f-password', p.password ?? PASSWORD);
  await captcha(page);
  if (shots) await screen(page, 'login');
  const n = smsLines().length;
  await page.click('main form button[type=submit]');
  await page.waitForSelector('#f-code');
  await fill(page, '#f-code', await otpFor(p.phone, n));
  await page.click('main form button[type=submit]');
  await page.waitForSelector('header .who');
}

/** Fills the reissue form (on its form step) with a valid postal application. */
async function fillReissue(page, p, over = {}) {
  const v = { reason: 'LOST', si: p.si, method: 'POSTAL', province: '01', ward: 'first', street: '12 Đội Cấn', recipient: p.name, phone: p.phone, ...over };
  await page.waitForSelector('#f-socialInsuranceCode');
  if (v.reason) await page.click(`input[name=reason][value=${v.reason}]`);
  await fill(page, '#f-socialInsuranceCode', v.si);
  await page.click(`input[name=method][value=${v.method}]`);
  if (v.method === 'POSTAL') {
    await page.select('#f-delivery-address-provinceCode', v.province);
    if (v.province && v.ward) {
      await page.waitForFunction(() => document.querySelectorAll('#f-delivery-address-wardCode option').length > 1);
      const ward = v.ward === 'first' ? await page.$eval('#f-delivery-address-wardCode option:nth-child(2)', (o) => o.value) : v.ward;
      await page.select('#f-delivery-address-wardCode', ward);
    }
    await fill(page, '#f-delivery-address-street', v.street);
    await fill(page, '#f-delivery-address-recipientName', v.recipient);
    await fill(page, '#f-delivery-address-recipientPhone', v.phone);
  } else if (v.office) {
    await page.waitForFunction(() => document.querySelectorAll('#f-delivery-officeCode option').length > 1);
    const office = await page.$eval('#f-delivery-officeCode option:nth-child(2)', (o) => o.value);
    await page.select('#f-delivery-officeCode', office);
  }
  return v;
}

async function toReview(page) {
  await page.click('main form button[type=submit]');
  await page.waitForSelector('dl.summary');
}

async function confirm(page, answer = '000000') {
  await captcha(page, answer);
  await page.click('main form button[type=submit]');
}

async function apply(page) {
  await go(page, '/services/HC-REISSUE/apply');
  await page.waitForSelector('#f-socialInsuranceCode');
}

// ---- scenarios ----

/** The seed flow as one test: register (OTP from the SMS sink) → log in → search → reissue by post → done → agency completes → COMPLETED + history. */
async function seedFlow(size) {
  const phone = size === 'phone';
  const p = phone ? P.ngoc : P.an;
  const page = await newPage(`seed-${size}`, phone ? { width: 375, height: 740, mobile: true, ip: '10.1.0.2' } : { ip: '10.1.0.1' });
  const both = !phone;
  await go(page, '/');
  await page.waitForSelector('ul.cards li');
  await screen(page, 'home', { both });
  await register(page, p, true);
  await logout(page);
  const search = async () => {
    // Search as you type, without diacritics.
    await go(page, '/');
    await page.type('#search', 'cap lai the bhyt');
    await page.waitForFunction(() => document.querySelector('ul.cards li a')?.getAttribute('href') === '/services/HC-REISSUE');
    await screen(page, 'home-search');
    await page.click('ul.cards li a[href="/services/HC-REISSUE"]');
    await page.waitForSelector('main table');
    await screen(page, 'service');
    await page.click('main button.primary');
  };
  if (!phone) {
    await login(page, p, { shots: true });
    await search();
  } else {
    // Anonymous on the service page: "Submit online" asks to log in, then comes back to the form.
    await search();
    await page.waitForSelector('#f-idNumber');
    assert(page.url().includes('next=%2Fservices%2FHC-REISSUE%2Fapply'), `login keeps where to return: ${page.url()}`);
    await login(page, p, { shots: true, from: 'here' });
    await page.waitForSelector('#f-socialInsuranceCode');
  }
  const v = await fillReissue(page, p);
  await screen(page, 'reissue-form', { both });
  await toReview(page);
  await captcha(page);
  await screen(page, 'reissue-review', { both });
  const n = smsLines().length;
  await page.click('main form button[type=submit]');
  await page.waitForSelector('[data-testid=app-code]');
  const code = await text(page, '[data-testid=app-code]');
  const date = await text(page, '[data-testid=app-date]');
  await screen(page, 'done', { both });
  const sms = await waitSMS((s) => local(s.to) === p.phone && s.text.includes(code), n, 'submission SMS');
  assert(sms.text.includes(`Ngay hen tra ket qua: ${date}`), `SMS "${sms.text}" names the date on the done page ${date}`);
  assert(v.street && !(await page.$('#f-socialInsuranceCode')), 'done page left the form');

  // The agency console completes it (another context: the key is in memory only).
  const officer = await newPage(`agency-${size}`, phone ? { width: 375, height: 740, mobile: true, ip: '10.1.1.2' } : { ip: '10.1.1.1' });
  await go(officer, '/agency');
  await screen(officer, 'agency-key', { both });
  // Another agency's key sees none of it.
  await fill(officer, '#f-apiKey', cfg.otherKey);
  await officer.click('main form button[type=submit]');
  await officer.waitForSelector('main .empty, main table');
  assert(!(await text(officer, 'main')).includes(code), "another agency's inbox does not show the application");
  await officer.click('main .row button.link');
  await fill(officer, '#f-apiKey', cfg.agencyKey);
  await officer.click('main form button[type=submit]');
  await officer.waitForSelector('main table');
  assert(await officer.evaluate((k) => !JSON.stringify({ ...localStorage, ...sessionStorage }).includes(k) && !location.href.includes(k), cfg.agencyKey), 'key not in storage or URL');
  await screen(officer, 'agency-inbox', { both });
  const rows = await officer.$$eval('main table tbody th button', (b) => b.map((x) => x.textContent));
  assert(rows.includes(code), `inbox lists ${code}: ${rows}`);
  await officer.evaluate((c) => [...document.querySelectorAll('main table tbody th button')].find((b) => b.textContent === c).click(), code);
  await officer.waitForSelector('[data-testid=agency-status]');
  // A move the lifecycle does not allow is refused in words, next to the action.
  await officer.select('#f-action', 'COMPLETE');
  await officer.click('main form button[type=submit]');
  await officer.waitForSelector('main form .alert, #f-action-error');
  const [dd, mm, yyyy] = date.split('/');
  const later = new Date(Date.UTC(+yyyy, +mm - 1, +dd + 7)).toISOString().slice(0, 10);
  const moves = [['RECEIVE', ''], ['START_PROCESSING', ''], ['RESCHEDULE', 'Xin lỗi, hồ sơ cần thêm thời gian xác minh.', later],
    ['MARK_RESULT_READY', ''], ['COMPLETE', 'Đã gửi qua bưu điện']];
  for (const [action, note, newDate] of phone ? moves.filter((m) => m[0] !== 'RESCHEDULE') : moves) {
    await officer.select('#f-action', action);
    if (note) await fill(officer, '#f-note', note);
    if (newDate) await setValue(officer, '#f-newAppointmentDate', newDate);
    await officer.click('main form button[type=submit]');
    await officer.waitForSelector('main p.success');
    await settle(officer);
    if (action === 'START_PROCESSING') await screen(officer, 'agency-detail', { both });
  }
  assert((await text(officer, '[data-testid=agency-status]')).length > 0, 'agency sees a status');
  await officer.closeAll();

  // The citizen sees COMPLETED and the history.
  await page.click('header nav a[href="/applications"]');
  await page.waitForSelector('main table');
  await settle(page);
  await screen(page, 'applications', { both });
  await page.click(`main table a`);
  await page.waitForSelector('[data-testid=history] li');
  await settle(page);
  const status = await text(page, '[data-testid=app-status]');
  const hist = await page.$$eval('[data-testid=history] li', (l) => l.length);
  assert(/Hoàn thành|Completed/.test(status), `status ${status}, want COMPLETED`);
  assert(hist === (phone ? 5 : 6), `history has ${hist} entries, want ${phone ? 5 : 6}`);
  if (!phone) assert((await text(page, 'dl.summary')).includes(later.split('-').reverse().join('/')), `rescheduled to ${later}`);
  await screen(page, 'application-detail', { both });

  // Public tracking by code + ID number, logged out.
  await logout(page);
  await go(page, '/track');
  await screen(page, 'track', { both });
  await fill(page, '#f-code', code);
  await fill(page, '#f-idNumber', p.id);
  await page.click('main form button[type=submit]');
  await page.waitForSelector('[data-testid=track-result]');
  assert(/Hoàn thành|Completed/.test(await text(page, '[data-testid=track-result]')), 'tracking shows COMPLETED');
  await screen(page, 'track-result', { both });
  await go(page, '/no/such/page');
  await screen(page, 'not-found', { both });
  // The language choice is kept across visits.
  await switchLang(page);
  await page.reload({ waitUntil: 'load' });
  await settle(page);
  assert((await lang(page)) === 'en', 'English kept after a reload');
  await switchLang(page);
  return `seed flow at ${size}: ${code}, due ${date}`;
}

/** Every userError of the reissue form lands next to its field; a refused submission leaves the form filled. */
async function reissueErrors() {
  const p = P.nam;
  const page = await newPage('errors', { ip: '10.2.0.1' });
  await register(page, p, false, true);
  const cases = [
    { name: 'reason and SI code missing (checked before sending)', over: { reason: '', si: '' }, field: ['reason', 'socialInsuranceCode'], local: true },
    { name: 'SI code malformed', over: { si: '01234' }, field: ['socialInsuranceCode'] },
    { name: "someone else's SI code", over: { si: P.an.si }, field: ['socialInsuranceCode'] },
    { name: 'counter without office', over: { method: 'COUNTER' }, field: ['delivery-officeCode'] },
    { name: 'province empty', over: { province: '' }, field: ['delivery-address-provinceCode'] },
    { name: 'ward empty', over: { ward: '' }, field: ['delivery-address-wardCode'] },
    { name: 'street empty', over: { street: '' }, field: ['delivery-address-street'] },
    { name: 'recipient empty', over: { recipient: '' }, field: ['delivery-address-recipientName'] },
    { name: 'recipient phone empty', over: { phone: '' }, field: ['delivery-address-recipientPhone'] },
    { name: 'recipient phone a landline', over: { phone: '02438234567' }, field: ['delivery-address-recipientPhone'] },
    { name: 'wrong captcha', over: {}, answer: '123456', field: ['captcha-answer'] },
  ];
  let shot = false;
  for (const c of cases) {
    await apply(page);
    const v = await fillReissue(page, p, c.over);
    if (!c.local) {
      await toReview(page);
      await confirm(page, c.answer);
    } else {
      await page.click('main form button[type=submit]');
    }
    for (const f of c.field) {
      await page.waitForSelector(`#f-${f}-error`).catch(() => {
        throw new Error(`${c.name}: no error next to #f-${f}`);
      });
      if (f !== 'reason') {
        const described = await page.$eval(`#f-${f}`, (el) => el.getAttribute('aria-describedby') || '');
        assert(described.includes(`f-${f}-error`), `${c.name}: #f-${f} is not described by its error`);
      }
    }
    // Nothing typed is lost.
    if (!(await page.$('#f-socialInsuranceCode'))) await page.click('#edit-draft');
    assert((await value(page, '#f-socialInsuranceCode')) === v.si, `${c.name}: SI code kept`);
    if (v.method === 'POSTAL') {
      assert((await value(page, '#f-delivery-address-street')) === v.street, `${c.name}: street kept`);
      assert((await value(page, '#f-delivery-address-recipientPhone')) === v.phone, `${c.name}: phone kept`);
    }
    if (!shot && c.field[0] === 'delivery-address-street') {
      await screen(page, 'reissue-error');
      shot = true;
    }
  }
  return `reissue userErrors: ${cases.length} cases, each next to its field, form kept`;
}

/** Opens an application in the agency console: the inbox filtered by status, then the row with this code. */
async function openInInbox(officer, status, code) {
  if (await officer.$('[data-testid=agency-status]')) {
    await officer.click('main p button.link');
    await officer.waitForSelector('#f-status');
  }
  await officer.select('#f-status', status);
  await officer.click('main .row button.secondary');
  await officer.waitForFunction((c) => [...document.querySelectorAll('main table tbody th button')].some((b) => b.textContent === c), {}, code);
  await officer.evaluate((c) => [...document.querySelectorAll('main table tbody th button')].find((b) => b.textContent === c).click(), code);
  await officer.waitForSelector('[data-testid=agency-status]');
  await settle(officer);
}

async function move(officer, action, note) {
  await officer.select('#f-action', action);
  if (note) await fill(officer, '#f-note', note);
  await officer.click('main form button[type=submit]');
  await officer.waitForSelector('main p.success');
  await settle(officer);
}

/** The citizen's detail page, fetched afresh; returns the status text once it matches. */
async function citizenSees(page, id, want) {
  await go(page, `/applications/${encodeURIComponent(id)}`);
  await page.waitForSelector('[data-testid=history] li');
  const status = await text(page, '[data-testid=app-status]');
  assert(want.test(status), `citizen sees status ${status}, want ${want}`);
  return status;
}

/** The agency asks for a supplement with a note, the citizen supplements, the agency rejects with a reason. */
async function supplementAndReject() {
  const p = P.nam; // registered by the userErrors scenario on this lane
  const page = await newPage('supplement', { ip: '10.2.0.2' });
  await login(page, p);
  await apply(page);
  await fillReissue(page, p, { street: '3 Hàng Bài' });
  await toReview(page);
  await confirm(page);
  await page.waitForSelector('[data-testid=app-code]');
  const code = await text(page, '[data-testid=app-code]');
  const id = decodeURIComponent((await page.$eval('main a[href^="/applications/"]', (a) => a.getAttribute('href'))).split('/').pop());

  const officer = await newPage('supplement-agency', { ip: '10.2.1.1' });
  await go(officer, '/agency');
  await fill(officer, '#f-apiKey', cfg.agencyKey);
  await officer.click('main form button[type=submit]');
  await openInInbox(officer, 'SUBMITTED', code);
  await move(officer, 'RECEIVE');
  // A supplement request needs its note: refused next to the note without one.
  await officer.select('#f-action', 'REQUEST_SUPPLEMENT');
  await officer.click('main form button[type=submit]');
  await officer.waitForSelector('#f-note-error');
  assert((await officer.$eval('#f-note', (el) => el.getAttribute('aria-describedby') || '')).includes('f-note-error'), 'note described by its error');
  await screen(officer, 'agency-note-required');
  const ask = 'Vui lòng bổ sung ảnh chụp giấy xác nhận mất thẻ.';
  await move(officer, 'REQUEST_SUPPLEMENT', ask);

  // The citizen sees what is asked, can no longer withdraw, and supplements.
  await citizenSees(page, id, /Cần bổ sung|Supplement requested/);
  assert((await text(page, '[data-testid=history]')).includes(ask), 'the agency note is in the history');
  assert(!(await page.$('main p button.secondary')), 'no withdraw button once received');
  assert((await text(page, '#f-note-hint')).includes(ask), 'what is asked is shown with the supplement form');
  assert((await page.$eval('#f-note', (el) => el.getAttribute('aria-describedby') || '')).includes('f-note-hint'), 'the supplement note is described by what is asked');
  await screen(page, 'application-supplement');
  const answer = 'Đã gửi ảnh giấy xác nhận qua bưu điện ngày 30/11.';
  await fill(page, '#f-note', answer);
  await page.click('main form button[type=submit]');
  await page.waitForFunction(() => /Đang xử lý|Processing/.test(document.querySelector('[data-testid=app-status]')?.textContent ?? ''));
  assert(!(await page.$('#f-note')), 'the supplement form is gone once sent');

  // The agency sees it back in processing, with the citizen's note, and rejects it with a reason.
  await openInInbox(officer, 'PROCESSING', code);
  assert(/Đang xử lý|Processing/.test(await text(officer, '[data-testid=agency-status]')), 'agency sees PROCESSING after the supplement');
  assert((await text(officer, 'ol.history')).includes(answer), "agency sees the citizen's note");
  const reason = 'Thẻ cũ vẫn còn hiệu lực, không thuộc trường hợp cấp lại.';
  await move(officer, 'REJECT', reason);
  assert(/Từ chối|Rejected/.test(await text(officer, '[data-testid=agency-status]')), 'agency sees REJECTED');
  await officer.closeAll();

  await citizenSees(page, id, /Từ chối|Rejected/);
  const hist = await text(page, '[data-testid=history]');
  assert(hist.includes(reason), `the reason is in the history: ${hist}`);
  assert((await text(page, '[data-testid=reject-reason]')) === reason, 'the reason is shown next to the status');
  assert(!(await page.$('main form')), 'nothing left to do on a rejected application');
  await screen(page, 'application-rejected');
  return `supplement and reject: ${code} RECEIVED → SUPPLEMENT_REQUESTED (note) → citizen supplements → PROCESSING → REJECTED (reason shown)`;
}

/** Rows of the list on the screen; the "load more" button brings the next page and the focus to its first row. */
async function loadMore(page, rowSel, want) {
  const before = await page.$$eval(rowSel, (r) => r.length);
  await page.click('[data-testid=load-more]');
  await page.waitForFunction((s, n) => document.querySelectorAll(s).length > n, {}, rowSel, before);
  await settle(page);
  const after = await page.$$eval(rowSel, (r) => r.length);
  assert(after === want, `after "load more": ${after} rows, want ${want}`);
  const focused = await page.evaluate((s, i) => document.querySelectorAll(s)[i].contains(document.activeElement), rowSel, before);
  assert(focused, 'the focus is on the first new row');
}

/** More than a page (50): "My applications" and the agency inbox load the rest by the connection's cursor. */
async function pagination() {
  const p = cfg.pager; // 51 applications, each withdrawn, made through the API by web_test.go
  const page = await newPage('pager', { ip: '10.6.0.1' });
  await login(page, p);
  await go(page, '/applications');
  const rows = 'main table tbody tr';
  await page.waitForSelector(rows);
  let n = await page.$$eval(rows, (r) => r.length);
  assert(n === 50, `first page of My applications: ${n} rows, want 50`);
  assert(/50 \/ 51|50 of 51/.test(await text(page, '[data-testid=shown]')), 'shows 50 of 51');
  await screen(page, 'applications-page1');
  await loadMore(page, rows, 51);
  assert(!(await page.$('[data-testid=load-more]')), 'no "load more" after the last page');
  const codes = await page.$$eval('main table tbody th a', (a) => a.map((x) => x.textContent));
  assert(new Set(codes).size === 51, `51 different applications: ${new Set(codes).size}`);
  await screen(page, 'applications-all');

  const officer = await newPage('pager-agency', { ip: '10.6.1.1' });
  await go(officer, '/agency');
  await fill(officer, '#f-apiKey', cfg.agencyKey);
  await officer.click('main form button[type=submit]');
  await officer.waitForSelector('#f-status');
  await officer.select('#f-status', 'CANCELLED');
  await officer.waitForSelector('[data-testid=load-more]');
  await settle(officer);
  n = await officer.$$eval(rows, (r) => r.length);
  assert(n === 50, `first page of the inbox: ${n} rows, want 50`);
  const total = Number((await text(officer, '[data-testid=shown]')).match(/(\d+)\D*$/)[1]);
  assert(total >= 51, `inbox total ${total}, want at least 51`);
  await loadMore(officer, rows, Math.min(total, 100));
  const inbox = await officer.$$eval('main table tbody th button', (b) => b.map((x) => x.textContent));
  assert(new Set(inbox).size === inbox.length, 'no application twice in the inbox');
  assert(codes.every((c) => inbox.includes(c)), 'every withdrawn application of the citizen is in the inbox');
  await screen(officer, 'agency-inbox-more');
  return `pagination: My applications 50 + 1, agency inbox (Withdrawn) 50 + ${inbox.length - 50} of ${total}`;
}

/** After a keyboard navigation: the new page's heading has the focus (the app moves it there). */
async function landed(page) {
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
}

async function tabTo(page, sel, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), sel)) return;
  }
  throw new Error(`keyboard: ${sel} not reached with Tab`);
}

/** The flow with the keyboard alone: log in, search, open the service, fill, review, confirm, done. */
async function keyboardOnly() {
  const p = P.lan;
  const page = await newPage('keyboard', { ip: '10.3.0.1' });
  await register(page, p);
  await logout(page);
  await go(page, '/');
  await tabTo(page, 'a.skip');
  await tabTo(page, 'header nav a[href^="/login"]');
  await page.keyboard.press('Enter');
  await landed(page);
  await tabTo(page, '#f-idNumber');
  await page.keyboard.type(p.id);
  await tabTo(page, '#f-password');
  await page.keyboard.type(PASSWORD);
  await page.waitForSelector('.captcha img');
  await tabTo(page, '#f-captcha-answer');
  await page.keyboard.type('000000');
  const n = smsLines().length;
  await page.keyboard.press('Enter');
  await page.waitForSelector('#f-code');
  await landed(page);
  await tabTo(page, '#f-code');
  await page.keyboard.type(await otpFor(p.phone, n));
  await page.keyboard.press('Enter');
  await page.waitForSelector('header .who');
  await landed(page);
  await tabTo(page, '#search');
  await page.keyboard.type('cap lai the bhyt');
  await page.waitForSelector('ul.cards li a[href="/services/HC-REISSUE"]');
  await tabTo(page, 'a[href="/services/HC-REISSUE"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('main table');
  await landed(page);
  await tabTo(page, 'main button.primary');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#f-socialInsuranceCode');
  await landed(page);
  await settle(page);
  await tabTo(page, 'input[name=reason]');
  await page.keyboard.press('Space');
  await tabTo(page, '#f-socialInsuranceCode');
  await page.keyboard.type(p.si);
  await tabTo(page, '#f-delivery-address-provinceCode');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.querySelectorAll('#f-delivery-address-wardCode option').length > 1);
  await tabTo(page, '#f-delivery-address-wardCode');
  await page.keyboard.press('ArrowDown');
  await tabTo(page, '#f-delivery-address-street');
  await page.keyboard.type('5 Lý Thường Kiệt');
  await tabTo(page, '#f-delivery-address-recipientPhone');
  await page.keyboard.type(p.phone);
  assert((await value(page, '#f-delivery-address-provinceCode')) !== '', 'keyboard chose a province');
  assert((await value(page, '#f-delivery-address-wardCode')) !== '', 'keyboard chose a ward');
  await page.keyboard.press('Enter');
  await page.waitForSelector('dl.summary');
  await landed(page);
  await page.waitForSelector('.captcha img');
  await tabTo(page, '#f-captcha-answer');
  await page.keyboard.type('000000');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=app-code]');
  await landed(page);
  await tabTo(page, 'main a[href^="/applications/"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=history] li');
  return 'keyboard only: log in → search → service → form → review → confirm → done → detail';
}

/** Session expiry keeps the form; the API down loses nothing; a double click submits once. */
async function faults() {
  const p = P.dat;
  const page = await newPage('faults', { ip: '10.4.0.1' });
  await register(page, p);
  await apply(page);
  const v = await fillReissue(page, p, { street: '7 Tràng Tiền' });
  await toReview(page);
  // The session ends elsewhere (logout with the same token): the next request is refused.
  const token = await page.evaluate(() => sessionStorage.getItem('dvc.token'));
  const r = await fetch(url('/graphql'), {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'X-Forwarded-For': '10.4.0.9' },
    body: JSON.stringify({ query: 'mutation { logout { revoked } }' }),
  });
  assert(r.ok, `logout elsewhere: ${r.status}`);
  await confirm(page);
  await page.waitForSelector('#f-idNumber');
  assert(page.url().includes('/login?next='), `expired session → login, at ${page.url()}`);
  await page.waitForSelector('main .alert');
  await screen(page, 'session-expired');
  await login(page, p, { from: 'here' });
  await page.waitForSelector('dl.summary');
  assert((await text(page, 'dl.summary')).includes(v.street), 'back on the review with what was typed');

  // The API goes down: a clear message, nothing lost.
  await page.setRequestInterception(true);
  const down = (req) => (req.url().endsWith('/graphql') ? req.abort('connectionrefused') : req.continue());
  page.on('request', down);
  await confirm(page);
  await page.waitForSelector('main .alert');
  const msg = await text(page, 'main .alert');
  assert(/máy chủ|server/i.test(msg), `API down message: ${msg}`);
  await screen(page, 'api-down', { both: false });
  page.off('request', down);
  await page.setRequestInterception(false);
  // A reload keeps the draft and the attempt's idempotency key.
  await page.reload({ waitUntil: 'load' });
  await settle(page);
  await page.waitForSelector('dl.summary');
  assert((await text(page, 'dl.summary')).includes(v.street), 'draft kept across a reload');
  await page.click('#edit-draft');
  assert((await value(page, '#f-delivery-address-street')) === v.street, 'street kept');
  await toReview(page);
  // Double click on confirm: one application.
  await captcha(page);
  await page.evaluate(() => {
    const b = document.querySelector('main form button[type=submit]');
    b.click();
    b.click();
  });
  await page.waitForSelector('[data-testid=app-code]');
  await go(page, '/applications');
  await page.waitForSelector('main table tbody tr');
  const count = await page.$$eval('main table tbody tr', (r) => r.length);
  assert(count === 1, `double click made ${count} applications, want 1`);
  // Cancel where allowed.
  await page.click('main table a');
  await page.waitForSelector('[data-testid=history] li');
  page.acceptConfirm = true;
  await page.click('main p button.secondary');
  await page.waitForFunction(() => /Đã rút|Withdrawn/.test(document.querySelector('[data-testid=app-status]')?.textContent ?? ''));
  return 'faults: session expiry → login → form kept; API down → message, nothing lost; reload keeps draft; double click → 1 application; cancel';
}

/** Hostile strings in every field: never a 5xx, never a script run; RATE_LIMITED says when to retry. */
async function hostile() {
  const page = await newPage('hostile', { width: 375, height: 740, mobile: true, ip: '10.5.0.1' });
  const bad = [
    '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' OR 1=1; DROP TABLE applications;--",
    '‮gnp.exe', '𝕏😀' + 'đ'.repeat(300), '{{constructor.constructor("alert(1)")()}}', '%s%n%x\\u0000', '../../etc/passwd',
  ];
  // Each form once, every string typed into every field and sent; each
  // form from its own address, as the per-client rate limits are not under test here.
  const from = (n) => page.setExtraHTTPHeaders({ 'X-Forwarded-For': `10.5.0.${n}` });
  await go(page, '/');
  for (const s of bad) {
    await put(page, '#search', s);
    await settle(page);
  }
  await from(2);
  await go(page, '/login');
  for (const s of bad) {
    await put(page, '#f-idNumber', s);
    await put(page, '#f-password', s);
    await page.waitForSelector('.captcha img');
    await put(page, '#f-captcha-answer', s);
    await page.click('main form button[type=submit]');
    await settle(page);
  }
  await from(3);
  await go(page, '/register');
  for (const s of bad) {
    for (const f of ['idNumber', 'fullName', 'socialInsuranceCode', 'phone', 'password']) await put(page, `#f-${f}`, s);
    await page.waitForSelector('.captcha img');
    await put(page, '#f-captcha-answer', s);
    await page.click('main form button[type=submit]');
    await settle(page);
  }
  await from(4);
  await go(page, '/track');
  for (const s of bad) {
    await put(page, '#f-code', s);
    await put(page, '#f-idNumber', s);
    await page.click('main form button[type=submit]');
    await settle(page);
  }
  for (const s of bad.slice(0, 3)) await go(page, '/services/' + encodeURIComponent(s));
  await from(5);
  // Every field of the reissue form, logged in.
  await register(page, P.uyen);
  await apply(page);
  for (const s of bad) {
    await fillReissue(page, P.uyen, { si: s, street: s, recipient: s, phone: s });
    await toReview(page);
    await confirm(page, s.slice(0, 20));
    await page.waitForSelector('main .field-error, main .alert');
    if (await page.$('#edit-draft')) await page.click('#edit-draft');
  }
  await from(6);
  await go(page, '/agency');
  for (const s of bad) {
    await put(page, '#f-apiKey', s);
    await page.click('main form button[type=submit]');
    await page.waitForSelector('main .alert, main .field-error');
    if (await page.$('main .row button.link')) await page.click('main .row button.link');
  }
  await go(page, '/applications/' + encodeURIComponent(bad[0]));
  await settle(page);
  assert(await page.$('header .who'), 'still logged in after the hostile strings');
  await logout(page);
  await from(7);
  // Too many logins for one ID: RATE_LIMITED says when to retry.
  let limited = '';
  for (let i = 0; i < 8 && !limited; i++) {
    await go(page, '/login');
    await put(page, '#f-idNumber', P.ngoc.id);
    await put(page, '#f-password', 'wrong-password-' + i);
    await captcha(page);
    await page.click('main form button[type=submit]');
    await page.waitForSelector('main .alert, main .field-error');
    const t = await text(page, 'main');
    if (/\d+ giây|\d+ seconds/.test(t)) limited = t;
  }
  assert(limited, 'RATE_LIMITED shown with a retry time');
  await screen(page, 'rate-limited', { both: false });
  return `hostile strings: ${bad.length} strings in every field of every form, no 5xx, no script; rate limit shown ("${limited}")`;
}

async function test(name, fn) {
  if (cfg.only && !new RegExp(cfg.only).test(name)) return;
  const t0 = Date.now();
  const store = { pages: [] };
  try {
    const r = await scenario.run(store, fn);
    results.push({ name, ok: true, seconds: (Date.now() - t0) / 1000, detail: r });
    log('PASS', name, '-', r);
  } catch (e) {
    results.push({ name, ok: false, seconds: (Date.now() - t0) / 1000, detail: String(e.stack || e) });
    failures.push(`${name}: ${e.stack || e}`);
    log('FAIL', name, '-', e.message);
    for (const p of store.pages) {
      await p.screenshot({ path: path.join(cfg.artifacts, `FAILED-${p.ctxName}.png`), fullPage: true }).catch(() => undefined);
      log('  at', p.url(), '-', (await p.evaluate(() => document.querySelector('main')?.innerText ?? '').catch(() => '')).slice(0, 400).replace(/\n/g, ' | '));
    }
  } finally {
    for (const p of store.pages) await p.closeAll().catch(() => undefined);
  }
}

/** A legal representative picks the enterprise to act for: active ones selectable, a dissolved one shown but disabled; kept across a reload, dropped at logout. */
async function actingAs() {
  const p = P.an; // registered by the desktop seed flow on this lane; representative of 0100233488, its branch and a dissolved 0105688129
  const page = await newPage('business', { ip: '10.2.0.3' });
  await login(page, p);
  await page.click('header nav a[href="/business"]');
  await page.waitForSelector('fieldset.acting-as');
  const radios = await page.$$eval('input[name=acting]', (es) => es.map((e) => ({ v: e.value, disabled: e.disabled, label: e.closest('label').innerText })));
  assert(radios.length === 4, `myself + 3 enterprises listed: got ${radios.length}`);
  const dissolved = radios.filter((r) => r.label.includes('0105688129'));
  assert(dissolved.length === 1 && dissolved[0].disabled, `the dissolved enterprise is shown and disabled: ${JSON.stringify(dissolved)}`);
  const active = radios.filter((r) => r.v && !r.disabled);
  assert(active.length === 2 && active.every((r) => /0100233488/.test(r.label)), `the two active ones are selectable: ${JSON.stringify(active)}`);
  await screen(page, 'business');
  const head = active.find((r) => r.label.includes('0100233488 '));
  await page.click(`input[name=acting][value="${head.v}"]`);
  await page.waitForFunction(() => document.querySelector('[data-testid=acting]')?.textContent.includes('An Phát'));
  await screen(page, 'business-acting');
  await page.reload();
  await page.waitForSelector('fieldset.acting-as');
  assert(await page.$eval(`input[name=acting][value="${head.v}"]`, (e) => e.checked), 'the choice is kept after a reload');
  assert((await text(page, '[data-testid=acting]')).includes('An Phát'), 'header still says who is acted for after a reload');

  // Register a one-province lucky draw with the required PDFs.
  await page.click('[data-testid=start-promotion]');
  await page.waitForSelector('#f-programName');
  await page.waitForSelector('input[name=province][value="01"]');
  await page.waitForSelector('input[type=file][id^="f-doc-"]');
  const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
  await fill(page, '#f-programName', 'Quay số trúng thưởng mừng xuân');
  await page.click('input[name=province][value="01"]');
  await setValue(page, '#f-startDate', day(10));
  await setValue(page, '#f-endDate', day(40));
  await fill(page, '#f-promotedGoods', 'Sữa tươi An Phát');
  await fill(page, '#f-prizeGoods', 'Xe máy, tivi');
  await fill(page, '#f-customers', 'Người tiêu dùng tại Hà Nội');
  await fill(page, '#f-prizeStructure', '1 giải nhất: xe máy; 2 giải nhì: tivi');
  await fill(page, '#f-totalPrizeValue', '150000000'); // at least the catalogue's registration threshold (100 000 000)
  await fill(page, '#f-rules', 'Mỗi hộp sữa có một mã dự thưởng; quay số công khai ngày kết thúc.');
  const docs = await page.$$eval('.field.upload', (es) => es.map((e) => ({ code: e.dataset.code, required: e.querySelector('label').textContent.includes('(') })));
  assert(docs.length >= 3, `checklist from the service: ${JSON.stringify(docs)}`);
  const dir = path.join(cfg.artifacts, 'files');
  mkdirSync(dir, { recursive: true });
  const pdf = (name) => {
    const f = path.join(dir, name);
    writeFileSync(f, `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
    return f;
  };
  // 21 MiB: refused before any byte is sent.
  const big = path.join(dir, 'big.pdf');
  writeFileSync(big, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(21 * 1024 * 1024 - 9, 32)]));
  let uploads = 0;
  page.on('request', (r) => { if (r.method() === 'POST' && (r.headers()['content-type'] ?? '').startsWith('multipart/')) uploads++; });
  const first = docs[0].code;
  await (await page.$(`#f-doc-${first}`)).uploadFile(big);
  await page.waitForSelector(`#f-doc-${first}-error`);
  assert(uploads === 0, `the 21 MiB file was not sent (multipart requests: ${uploads})`);
  assert(/20 MiB/.test(await text(page, `#f-doc-${first}-error`)), 'the 21 MiB file is refused with the limit named');
  await screen(page, 'promotion-too-large');
  for (const d of docs.filter((x) => x.required)) {
    await (await page.$(`#f-doc-${d.code}`)).uploadFile(pdf(`${d.code}.pdf`));
    await page.waitForSelector(`[data-testid=uploaded-${d.code}]`, { timeout: 20000 });
  }
  // A PNG named .pdf: the server decides by content (stored as image/png).
  const optional = docs.find((x) => !x.required);
  if (optional) {
    const png = path.join(dir, 'photo.pdf');
    writeFileSync(png, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
    await (await page.$(`#f-doc-${optional.code}`)).uploadFile(png);
    await page.waitForSelector(`[data-testid=uploaded-${optional.code}]`, { timeout: 20000 });
    assert((await text(page, `[data-testid=uploaded-${optional.code}]`)).includes('image/png'), 'a PNG named .pdf is accepted as image/png (by content)');
  }
  await screen(page, 'promotion-form');
  await page.click('main form button[type=submit].primary');
  await page.waitForSelector('dl.summary');
  await screen(page, 'promotion-review');
  await confirm(page);
  await page.waitForSelector('[data-testid=app-code]', { timeout: 20000 });
  const code = await text(page, '[data-testid=app-code]');
  const agency = await text(page, '[data-testid=app-agency]');
  assert(/Sở Công Thương|Department/.test(agency) && /Hà Nội|Ha Noi/.test(agency), `routed to the department of Hà Nội: ${agency}`);
  await screen(page, 'promotion-done');
  const appId = decodeURIComponent((await page.$eval('main a[href^="/applications/"]', (a) => a.getAttribute('href'))).split('/').pop());
  confirmedPromotion = { id: appId, code };
  const download = async (pg, sel) => {
    const href = await pg.$eval(sel, (a) => a.getAttribute('href'));
    const r = await fetch(new URL(href, cfg.baseURL));
    const body = Buffer.from(await r.arrayBuffer());
    return { status: r.status, head: body.subarray(0, 4).toString('latin1') };
  };

  // The department (SCT-01) sees it with its documents, downloads one, completes with a result document.
  const officer = await newPage('promotion-agency', { ip: '10.2.1.3' });
  await go(officer, '/agency');
  await fill(officer, '#f-apiKey', cfg.sctKey);
  await officer.click('main form button[type=submit]');
  await openInInbox(officer, 'SUBMITTED', code);
  await officer.waitForSelector('[data-testid=documents] li');
  const listed = await officer.$$eval('[data-testid=documents] li', (l) => l.map((x) => x.dataset.code));
  assert(docs.filter((x) => x.required).every((d) => listed.includes(d.code)), `agency lists the dossier documents: ${listed}`);
  const got = await download(officer, `[data-testid=documents] li[data-code="${docs.find((x) => x.required).code}"] a`);
  assert(got.status === 200 && got.head === '%PDF', `agency download: HTTP ${got.status}, starts ${JSON.stringify(got.head)}`);
  await screen(officer, 'agency-promotion');
  await move(officer, 'RECEIVE');
  await move(officer, 'START_PROCESSING');
  await move(officer, 'MARK_RESULT_READY');
  await officer.select('#f-action', 'COMPLETE');
  await officer.waitForSelector('#f-resultUploadId');
  await (await officer.$('#f-resultUploadId')).uploadFile(pdf('ket-qua.pdf'));
  await screen(officer, 'agency-result');
  await officer.click('main form button[type=submit]');
  await officer.waitForSelector('main p.success');
  await officer.waitForSelector('[data-testid=documents] li[data-role=RESULT]');
  await officer.closeAll();

  // The citizen sees COMPLETED and downloads the result.
  await go(page, `/applications/${encodeURIComponent(appId)}`);
  await page.waitForSelector('[data-testid=documents] li[data-role=RESULT]');
  const st = await text(page, '[data-testid=app-status]');
  assert(/Hoàn thành|Completed/.test(st), `citizen sees ${st}, want COMPLETED`);
  const res = await download(page, '[data-testid=documents] li[data-role=RESULT] a');
  assert(res.status === 200 && res.head === '%PDF', `citizen result download: HTTP ${res.status}, starts ${JSON.stringify(res.head)}`);
  await screen(page, 'application-result');
  await logout(page);
  assert((await page.$('[data-testid=acting]')) === null, 'no acting-as after logout');
  assert((await page.evaluate(() => sessionStorage.getItem('dvc.acting'))) === null, 'acting-as dropped from the session at logout');
  return `An Phát chosen (dissolved Bình Minh disabled, kept across reload, dropped at logout); lucky draw ${code} → ${agency}; agency downloaded a dossier PDF, completed with a result; citizen downloaded it`;
}

// ---- payments (issue 11) ----

const payCfg = cfg.pay;
const obBox = (ref) => `tr[data-ref="${ref}"] input[type=checkbox]`;
const vnd = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** Also photographs (and checks with axe) the current screen at phone size, then goes back to the page's size. */
async function phoneShot(page, name) {
  const vp = page.viewport();
  const size = page.size;
  await page.setViewport({ width: 375, height: 740, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  page.size = 'phone';
  try {
    await screen(page, name, { both: false });
  } finally {
    page.size = size;
    await page.setViewport(vp);
    await settle(page);
  }
}

/** Looks up on a section of the "Pay" hub; resolves once the obligations are listed. */
async function payLookup(page, section, fields) {
  await go(page, `/pay/${section}`);
  for (const [sel, v] of fields) {
    if (sel.startsWith('radio:')) await page.click(sel.slice(6));
    else await fill(page, sel, v);
  }
  await page.click('main form[aria-label] button[type=submit]');
  await page.waitForSelector('table[data-testid=obligations]');
  await settle(page);
}

async function checked(page, ref) {
  return page.$eval(obBox(ref), (e) => e.checked);
}
async function disabled(page, ref) {
  return page.$eval(obBox(ref), (e) => e.disabled);
}

/** Presses "Pay" and lands on the sandbox's pay page; returns the payment code (vnp_TxnRef). */
async function toSandbox(page, click = () => page.click('[data-testid=pay]')) {
  await quoted(page);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), click()]);
  const u = new URL(page.url());
  assert(u.pathname.startsWith('/sandbox/vnpay/'), `"Pay" goes to the sandbox pay page: ${page.url()}`);
  return u.searchParams.get('vnp_TxnRef');
}

/** Waits until "Pay" shows the server's quote of the choice on screen (it sends nothing before). */
async function quoted(page) {
  await page.waitForSelector('[data-testid=pay]:not([aria-busy=true])');
}

/** Presses an outcome on the sandbox page and waits on the portal's return page until the payment is finished with want. */
async function outcome(page, button, want) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(`button[value=${button}]`)]);
  assert(new URL(page.url()).pathname === '/pay/return', `back on the return page: ${page.url()}`);
  await page.waitForSelector(`[data-testid=pay-status][data-status=${want}]`, { timeout: 30000 });
  await settle(page);
}

/** Ward code → name and the province's name, in a language, from the API (what an address at ward level is made of). */
async function provinceNames(code, language) {
  const r = await fetch(url('/graphql'), {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept-Language': language, 'X-Forwarded-For': '10.6.0.9' },
    body: JSON.stringify({ query: 'query($c: String!) { province(code: $c) { name wards { code name } } }', variables: { c: code } }),
  });
  const j = await r.json();
  assert(j.data?.province, `province ${code}: ${JSON.stringify(j)}`);
  return { name: j.data.province.name, wards: Object.fromEntries(j.data.province.wards.map((w) => [w.code, w.name])) };
}

/** The confirmation's table of what was paid (or the checkout's quote, testId quote-items): per item reference, its lines {kind: amount digits} and its amount; and the total. */
async function paidItems(page, testId = 'payment-items') {
  return page.$eval(`[data-testid=${testId}]`, (t) => {
    const digits = (e) => (e ? e.textContent.replace(/\D/g, '') : null);
    const items = {};
    for (const b of t.tBodies) {
      const lines = {};
      for (const r of b.querySelectorAll('tr[data-kind]')) lines[r.dataset.kind] = Number(digits(r.querySelector('td')));
      const sub = b.querySelector('[data-testid=item-amount]');
      items[b.dataset.ref] = { lines, amount: sub ? Number(digits(sub)) : Object.values(lines).reduce((a, x) => a + x, 0), name: b.rows[0].textContent.trim() };
    }
    return { items, total: Number(digits(t.querySelector('[data-testid=items-total]'))) };
  });
}

/** Exactly one SMS names this payment code (waits for it, then a moment more for a duplicate). */
async function oneSMS(phone, code, from) {
  await waitSMS((s) => local(s.to) === phone && s.text.includes(code), from, `payment SMS for ${code}`);
  await new Promise((r) => setTimeout(r, 1500));
  const n = smsLines().slice(from).filter((s) => local(s.to) === phone && s.text.includes(code)).length;
  assert(n === 1, `one SMS for payment ${code}, got ${n}`);
}

/** A citizen pays a tax, two electricity bills (oldest first) and a late fine with papers returned by post; receipts, verification, idempotency. */
async function payThree() {
  const p = payCfg.payer;
  const page = await newPage('pay', { ip: '10.6.0.1' });
  await login(page, p);
  const smsFrom = smsLines().length;
  await go(page, '/');
  await page.click('[data-testid=pay-hub]');
  await page.waitForSelector('nav.tabs');
  await screen(page, 'pay-hub');
  // The catalogue's payment services lead to their section of the hub.
  for (const [svc, section] of [['TAX-PAYMENT', 'tax'], ['EVN-BILL-PAYMENT', 'electricity'], ['TRAFFIC-FINE-PAYMENT', 'fines']]) {
    await go(page, `/services/${svc}`);
    const href = await page.$eval('[data-testid=pay-online]', (a) => a.getAttribute('href'));
    assert(href === `/pay/${section}`, `${svc} links to /pay/${section}: ${href}`);
  }
  await screen(page, 'service-pay');

  // Tax: the client's check (a wrong check digit), then the server's (a 12-digit number that is no ID) at the field.
  const tx = payCfg.tax;
  await go(page, '/pay/tax');
  await fill(page, '#f-taxCode', '0100233480');
  await page.click('main form[aria-label] button[type=submit]');
  await page.waitForSelector('#f-taxCode-error');
  await fill(page, '#f-taxCode', '0000000000'); // remainder 0: the client leaves it to the server
  const answer = page.waitForResponse((r) => (r.request().postData() ?? '').includes('FindObligations'));
  await page.click('main form[aria-label] button[type=submit]');
  const found = await (await answer).json();
  const ue = found.data?.findObligations?.userErrors ?? [];
  assert(ue.some((e) => e.field.join('.').endsWith('taxCode')), `the server refuses 0000000000 at taxCode: ${JSON.stringify(ue)}`);
  await page.waitForFunction(() => document.querySelector('#f-taxCode-error') && document.querySelector('#f-taxCode').getAttribute('aria-describedby')?.includes('f-taxCode-error'));
  await settle(page);
  await screen(page, 'pay-tax-error');
  await payLookup(page, 'tax', [['#f-taxCode', tx.taxCode]]);
  assert((await text(page, 'main')).includes(p.name), "the taxpayer sees their own name unmasked");
  assert(await disabled(page, tx.paid), 'a paid payable cannot be ticked');
  await page.click(obBox(tx.pay[0]));
  assert(await disabled(page, tx.other), "another authority's payable cannot be added (one collecting account at a time)");
  await page.click(obBox(tx.pay[1]));
  await page.waitForFunction((t) => document.querySelector('[data-testid=total]').textContent.includes(t), {}, vnd(tx.total));
  await screen(page, 'pay-tax');
  await phoneShot(page, 'pay-tax');

  // One key per click: the answer to the first "Pay" is lost (the server made the payment), the page is
  // reloaded, "Pay" again: the same payment, not a second one.
  await page.setRequestInterception(true);
  let lost = null;
  const lose = async (req) => {
    if (req.isInterceptResolutionHandled()) return;
    if (!lost && req.url().endsWith('/graphql') && (req.postData() ?? '').includes('CreatePayment')) {
      const r = await fetch(req.url(), { method: 'POST', headers: req.headers(), body: req.postData() });
      lost = await r.json();
      return req.abort('connectionreset');
    }
    return req.continue();
  };
  page.on('request', lose);
  await page.click('[data-testid=pay]');
  await page.waitForSelector('main form.checkout .alert');
  page.off('request', lose);
  await page.setRequestInterception(false);
  const lostCode = lost?.data?.createPayment?.payment?.code;
  assert(lostCode, `the lost answer carried a payment: ${JSON.stringify(lost)}`);
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('table[data-testid=obligations]');
  await settle(page);
  assert((await checked(page, tx.pay[0])) && (await checked(page, tx.pay[1])), 'the choice is kept across the reload');
  const taxCode = await toSandbox(page);
  assert(taxCode === lostCode, `after a reload "Pay" continues the same payment: ${taxCode}, want ${lostCode}`);
  await page.screenshot({ path: path.join(cfg.artifacts, 'desktop', 'vi', 'pay-sandbox.png') });
  await outcome(page, 'SUCCESS', 'SUCCEEDED');
  assert((await text(page, '[data-testid=payment-amount]')).replace(/\D/g, '') === String(tx.total), 'the tax confirmation shows the total');
  assert((await text(page, '[data-testid=verify-code]')).length >= 6, 'the confirmation carries its verification code');
  // What was paid, item by item, as locked: each payable with its line, and the total.
  const taxPaid = await paidItems(page);
  assert(Object.keys(taxPaid.items).length === 2 && taxPaid.total === tx.total &&
    Object.values(taxPaid.items).every((it) => Object.keys(it.lines).join() === 'TAX' && it.amount > 0) &&
    Object.values(taxPaid.items).reduce((n, it) => n + it.amount, 0) === tx.total, `the tax confirmation's items: ${JSON.stringify(taxPaid)}`);
  await screen(page, 'pay-tax-done');
  await phoneShot(page, 'pay-tax-done');
  // Printable: the print stylesheet keeps the confirmation and its code, drops the site's chrome and buttons.
  await page.emulateMediaType('print');
  const print = await page.evaluate(() => ({
    header: getComputedStyle(document.querySelector('header.site')).display,
    button: getComputedStyle(document.querySelector('[data-testid=print]')).display,
    code: getComputedStyle(document.querySelector('[data-testid=verify-code]')).display,
    items: getComputedStyle(document.querySelector('[data-testid=payment-items]')).display,
  }));
  await page.emulateMediaType(null);
  assert(print.header === 'none' && print.button === 'none' && print.code !== 'none' && print.items !== 'none', `print stylesheet: ${JSON.stringify(print)}`);
  await oneSMS(p.phone, taxCode, smsFrom);

  // Electricity: the code typed loosely; bills oldest first.
  const ev = payCfg.electricity;
  await payLookup(page, 'electricity', [['#f-customerCode', ev.customerCode]]);
  assert(!(await text(page, 'main')).includes(p.name), "an EVN customer's name is masked");
  // Where the power is supplied, at ward level only: "<ward>, <province>" (the fixture's ward 00004 of province 01), no street.
  const geo = await provinceNames('01', await lang(page));
  for (const ref of [ev.older, ev.newer, ev.newest]) {
    const addr = await text(page, `tr[data-ref="${ref}"] [data-testid=supply-address]`);
    assert(addr.endsWith(`${geo.wards['00004']}, ${geo.name}`) && !/\d/.test(addr), `bill ${ref}: the address at ward level: "${addr}"`);
  }
  assert(await disabled(page, ev.newer), 'a newer bill cannot be ticked before the older one');
  await page.click(obBox(ev.older));
  assert(!(await disabled(page, ev.newer)) && (await disabled(page, ev.newest)), 'ticking the oldest frees the next one only');
  await page.click(obBox(ev.newer));
  await page.click(obBox(ev.older));
  assert(!(await checked(page, ev.newer)), 'unticking an older bill unticks the newer one');
  await page.click(obBox(ev.older));
  await page.click(obBox(ev.newer));
  await page.waitForFunction((t) => document.querySelector('[data-testid=total]').textContent.includes(t), {}, vnd(ev.total));
  await screen(page, 'pay-electricity');
  await phoneShot(page, 'pay-electricity');
  // A double click on "Pay" sends one request.
  let creates = 0;
  const countCreate = (r) => { if ((r.postData() ?? '').includes('CreatePayment')) creates++; };
  page.on('request', countCreate);
  const evCode = await toSandbox(page, () => page.$eval('[data-testid=pay]', (b) => { b.click(); b.click(); }));
  page.off('request', countCreate);
  assert(creates === 1, `a double click sent ${creates} createPayment requests, want 1`);
  await outcome(page, 'SUCCESS', 'SUCCEEDED');
  assert((await text(page, '[data-testid=payment-amount]')).replace(/\D/g, '') === String(ev.total), 'the bills confirmation shows their total');
  const evPaid = await paidItems(page);
  assert(Object.keys(evPaid.items).sort().join() === [ev.older, ev.newer].join() && evPaid.total === ev.total &&
    evPaid.items[ev.older].lines.PRINCIPAL + evPaid.items[ev.newer].lines.PRINCIPAL === ev.total, `the bills confirmation's items: ${JSON.stringify(evPaid)}`);
  await screen(page, 'pay-electricity-done');
  await phoneShot(page, 'pay-electricity-done');
  await oneSMS(p.phone, evCode, smsFrom);

  // A fine paid after its deadline: the late charge shown and charged; papers back by post.
  const f = payCfg.lateFine;
  await payLookup(page, 'fines', [['#f-decisionNumber', f.decision], ['#f-plateNumber', f.plate]]);
  const ref = f.decision;
  assert(await page.$(`tr[data-ref="${ref}"] li[data-kind=LATE_CHARGE]`), 'the late charge is a line of the fine');
  const lateText = await text(page, `tr[data-ref="${ref}"] li[data-kind=LATE_CHARGE]`);
  assert(lateText.includes(vnd(f.late)), `late charge shown ${lateText}, want ${vnd(f.late)}`);
  assert((await text(page, `tr[data-ref="${ref}"] [data-testid=amount-due]`)).includes(vnd(f.fine + f.late)), 'amount due = fine + late charge');
  await page.click(obBox(ref));
  await page.waitForSelector('#papers-h');
  await page.click('input[name=method][value=POSTAL]');
  await page.select('#f-delivery-address-provinceCode', '01');
  await page.waitForFunction(() => document.querySelectorAll('#f-delivery-address-wardCode option').length > 1);
  const ward = await page.$eval('#f-delivery-address-wardCode option:nth-child(2)', (o) => o.value);
  await page.select('#f-delivery-address-wardCode', ward);
  await fill(page, '#f-delivery-address-street', '5 Lý Thường Kiệt');
  await fill(page, '#f-delivery-address-recipientPhone', '');
  await page.click('[data-testid=pay]');
  await page.waitForSelector('#f-delivery-address-recipientPhone-error');
  await fill(page, '#f-delivery-address-recipientPhone', p.phone);
  // Before paying, the citizen sees what will be charged, line by line, as the server prices it: the fine, today's
  // late charge and the postage of the papers sent back (the suite's PAYMENT_POSTAGE is not 0); "Pay" says that total.
  const post = payCfg.postage;
  const owed = f.fine + f.late + post;
  await quoted(page);
  const quote = await paidItems(page, 'quote-items');
  const ql = quote.items[ref]?.lines ?? {};
  assert(post > 0 && ql.PRINCIPAL === f.fine && ql.LATE_CHARGE === f.late && ql.POSTAGE === post && quote.items[ref].amount === owed && quote.total === owed,
    `the quote before paying: ${JSON.stringify(quote)}, want ${f.fine} + ${f.late} + postage ${post}`);
  for (const sel of ['[data-testid=pay]', '[data-testid=total]']) {
    assert((await text(page, sel)).includes(vnd(owed)), `${sel} says the total charged ${vnd(owed)}: ${await text(page, sel)}`);
  }
  await screen(page, 'pay-fine');
  await phoneShot(page, 'pay-fine');
  // "Pay" sends the quote shown (its quoteValidUntil, the total). A quote from yesterday (the request's
  // quoteValidUntil moved a day back, as if the page had stayed open over midnight) is refused with
  // OBLIGATION_CHANGED: the message says the amount changed at midnight, the lookup runs again, the choice
  // is kept, and the next "Pay" is a new attempt (a new idempotency key) on today's quote.
  const sent = [];
  const record = (req) => {
    const body = req.postData() ?? '';
    if (req.url().endsWith('/graphql') && body.includes('CreatePayment')) sent.push(JSON.parse(body).variables.input);
  };
  const yesterday = async (req) => {
    if (req.isInterceptResolutionHandled()) return;
    const body = req.postData() ?? '';
    if (sent.length === 1 && req.url().endsWith('/graphql') && body.includes('CreatePayment')) {
      const j = JSON.parse(body);
      j.variables.input.quoteValidUntil = new Date(Date.parse(j.variables.input.quoteValidUntil) - 86400e3).toISOString();
      return req.continue({ postData: JSON.stringify(j) });
    }
    return req.continue();
  };
  page.on('request', record);
  await page.setRequestInterception(true);
  page.on('request', yesterday);
  const relooked = page.waitForResponse((r) => (r.request().postData() ?? '').includes('FindObligations'));
  await page.click('[data-testid=pay]');
  await page.waitForSelector('[data-testid=amount-changed][data-why=midnight]');
  await relooked;
  page.off('request', yesterday);
  await page.setRequestInterception(false);
  await settle(page);
  assert(sent.length === 1 && sent[0].expectedAmount === f.fine + f.late && sent[0].expectedTotal === owed && Date.parse(sent[0].quoteValidUntil) > Date.now(),
    `"Pay" sends the quote shown: ${JSON.stringify(sent)}`);
  assert(await checked(page, ref), 'the choice is kept after the amount changed');
  const changedText = await text(page, '[data-testid=amount-changed]');
  assert(changedText.includes(vnd(owed)), `the message gives today's amount: ${changedText}`);
  await screen(page, 'pay-fine-changed');
  const fineCode = await toSandbox(page);
  page.off('request', record);
  assert(sent.length === 2 && sent[1].idempotencyKey !== sent[0].idempotencyKey && sent[1].quoteValidUntil === sent[0].quoteValidUntil,
    `after OBLIGATION_CHANGED "Pay" is a new attempt on today's quote: ${JSON.stringify(sent.map((x) => [x.idempotencyKey, x.quoteValidUntil, x.expectedAmount]))}`);
  await outcome(page, 'SUCCESS', 'SUCCEEDED');
  assert((await text(page, '[data-testid=payment-amount]')).replace(/\D/g, '') === String(owed), 'the fine was charged what the quote said');
  // The confirmation shows the lines as locked when the payment was made: the fine, the late charge of that day and
  // the postage of the papers sent back, the item's amount and the total: the quote shown before paying.
  const finePaid = await paidItems(page);
  assert(JSON.stringify(finePaid.items[ref]?.lines) === JSON.stringify(ql) && finePaid.items[ref].amount === owed && finePaid.total === owed,
    `the fine's confirmation lines: ${JSON.stringify(finePaid)}, want the quote's ${JSON.stringify(quote)}`);
  // Each line is labelled by its kind in the page's language, and the confirmation says how the papers come back:
  // by post, to the ward and province chosen (never the street).
  const labels = () => page.$$eval('[data-testid=payment-items] tr[data-kind] th', (h) => h.map((x) => `${x.parentElement.dataset.kind}=${x.textContent}`).join('|'));
  const want = {
    vi: { labels: 'PRINCIPAL=Tiền phạt|LATE_CHARGE=Tiền nộp chậm|POSTAGE=Cước gửi trả giấy tờ qua bưu điện', by: 'Qua bưu điện, tới' },
    en: { labels: 'PRINCIPAL=Fine|LATE_CHARGE=Late payment charge|POSTAGE=Postage for the papers sent back', by: 'By post, to' },
  };
  for (let i = 0; i < 2; i++) {
    await settle(page); // the payment is asked again in the page's language
    const l = await lang(page);
    const names = await provinceNames('01', l);
    const got = await labels();
    assert(got === want[l].labels, `the confirmation's line labels in ${l}: ${got}, want ${want[l].labels}`);
    const papers = await text(page, '[data-testid=papers-delivery][data-method=POSTAL]');
    assert(papers === `${want[l].by} ${names.wards[ward]}, ${names.name}` && !papers.includes('Lý Thường Kiệt'),
      `the papers come back (${l}): ${papers}, want by post to ${names.wards[ward]}, ${names.name}`);
    await switchLang(page);
  }
  const receipt = await text(page, '[data-testid=receipt-number]');
  const verify = await text(page, '[data-testid=verify-code]');
  await screen(page, 'pay-fine-done');
  await phoneShot(page, 'pay-fine-done');
  await oneSMS(p.phone, fineCode, smsFrom);

  // My payables: what is still owed in the payer's name (the other authority's tax payable).
  await go(page, '/pay/mine');
  await page.waitForSelector('table[data-testid=obligations]');
  await settle(page);
  const open = await page.$$eval('table[data-testid=obligations] tbody tr', (r) => r.filter((x) => x.dataset.status === 'OPEN').map((x) => x.dataset.ref));
  assert(open.includes(tx.other) && !open.includes(tx.pay[0]) && !open.includes(f.decision), `my payables: what is still open: ${open}`);
  await screen(page, 'pay-mine');
  // My payments: the three, each with its receipt.
  await go(page, '/pay/tax');
  await page.click('main a[href="/pay/payments"]');
  await page.waitForSelector('table[data-testid=payments] tbody tr');
  await settle(page);
  const rows = await page.$$eval('table[data-testid=payments] tbody th a', (a) => a.map((x) => x.textContent));
  for (const c of [taxCode, evCode, fineCode]) assert(rows.includes(c), `my payments list ${c}: ${rows}`);
  await screen(page, 'pay-payments');
  await page.click(`table[data-testid=payments] tbody th a`);
  await page.waitForSelector('[data-testid=receipt-number]');
  await screen(page, 'pay-payment-detail');

  // Anyone checks the receipt, logged out.
  await logout(page);
  await go(page, '/verify-receipt');
  await fill(page, '#f-code', receipt);
  await fill(page, '#f-verifyCode', 'WRONG234');
  await page.click('main form button[type=submit]');
  await page.waitForSelector('[data-valid=false]');
  await screen(page, 'verify-receipt-invalid');
  await fill(page, '#f-verifyCode', verify);
  await page.click('main form button[type=submit]');
  await page.waitForSelector('[data-valid=true]');
  assert((await text(page, '[data-testid=verify-result]')).includes(vnd(owed)), 'the verified receipt shows the amount paid');
  await screen(page, 'verify-receipt');
  await phoneShot(page, 'verify-receipt');
  return `tax ${taxCode} (${vnd(tx.total)}; reload after a lost answer → same payment), electricity ${evCode} (2 bills oldest first; double click → 1 request), late fine ${fineCode} (+${vnd(f.late)} late, +${vnd(post)} postage quoted then charged, by post; yesterday's quote refused → told, looked up again, new key); one SMS each; receipt ${receipt} verified`;
}

/** A fine's payment cancelled on the sandbox page, then refused by the bank, then paid: each outcome said, "try again" each time. */
async function payRetry() {
  const p = payCfg.retry;
  const f = payCfg.retryFine;
  const page = await newPage('pay-retry', { width: 375, height: 740, mobile: true, ip: '10.6.0.2' });
  await login(page, p);
  const smsFrom = smsLines().length;
  await payLookup(page, 'fines', [['#f-decisionNumber', f.decision], ['radio:input[name=by][value=id]'], ['#f-violatorIdNumber', f.idNumber]]);
  await page.click(obBox(f.decision));
  assert(!(await page.$('#papers-h')), 'no delivery asked for a fine without held papers');
  await screen(page, 'pay-fine-lookup');
  // Left on the pay page: the payment waits in "My payments", where the citizen gives it up.
  const abandoned = await toSandbox(page);
  await go(page, '/pay/payments');
  await page.waitForSelector('table[data-testid=payments] tbody th a');
  await page.click('table[data-testid=payments] tbody th a');
  await page.waitForSelector('[data-testid=pay-status]');
  await settle(page);
  assert(!(await page.$eval('[data-testid=pay-status]', (e) => ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(e.dataset.status))), 'an unpaid payment is not finished');
  await screen(page, 'pay-unfinished');
  await page.click('[data-testid=cancel-payment]');
  await page.waitForSelector('[data-testid=pay-status][data-status=CANCELLED]');
  await go(page, '/pay/fines');
  await page.waitForSelector('table[data-testid=obligations]');
  await settle(page);
  const first = await toSandbox(page);
  assert(first !== abandoned, 'after giving one up, "Pay" makes a new payment');
  await outcome(page, 'CANCEL', 'CANCELLED');
  await screen(page, 'pay-cancelled');
  await page.click('[data-testid=try-again]');
  await page.waitForSelector('table[data-testid=obligations]');
  await settle(page);
  assert(await checked(page, f.decision), 'try again keeps the choice');
  const second = await toSandbox(page);
  assert(second !== first, `a new attempt after a cancel is a new payment (${second} vs ${first})`);
  await outcome(page, 'INSUFFICIENT_FUNDS', 'FAILED');
  await screen(page, 'pay-failed');
  await page.click('[data-testid=try-again]');
  await page.waitForSelector('table[data-testid=obligations]');
  await settle(page);
  const third = await toSandbox(page);
  assert(third !== second, 'a new attempt after a failure is a new payment');
  await outcome(page, 'SUCCESS', 'SUCCEEDED');
  assert((await text(page, '[data-testid=payment-amount]')).replace(/\D/g, '') === String(f.fine), 'a fine paid on time has no late charge');
  await oneSMS(p.phone, third, smsFrom);
  const others = smsLines().slice(smsFrom).filter((s) => local(s.to) === p.phone && (s.text.includes(first) || s.text.includes(second)));
  assert(others.length === 0, `no SMS for the cancelled or failed payment: ${others.map((s) => s.text)}`);
  await go(page, '/pay/payments');
  await page.waitForSelector('table[data-testid=payments] tbody tr');
  await settle(page);
  const statuses = await page.$$eval('table[data-testid=payments] tbody tr .badge', (b) => b.map((x) => x.className));
  const count = (st) => statuses.filter((c) => c.includes(`p-${st}`)).length;
  assert(statuses.length === 4 && count('CANCELLED') === 2 && count('FAILED') === 1 && count('SUCCEEDED') === 1,
    `my payments: 2 cancelled, failed, succeeded: ${statuses}`);
  await screen(page, 'pay-payments');

  // A fine whose papers are held, collected at the deciding unit's counter: no address asked, the request says
  // COUNTER and nothing else, no postage on the confirmation.
  const c = payCfg.counterFine;
  await payLookup(page, 'fines', [['#f-decisionNumber', c.decision], ['radio:input[name=by][value=plate]'], ['#f-plateNumber', c.plate]]);
  await page.click(obBox(c.decision));
  await page.waitForSelector('#papers-h');
  // By post (the form's first choice) the quote adds the postage; at the counter it does not.
  await page.click('input[name=method][value=POSTAL]');
  await quoted(page);
  const byPost = await paidItems(page, 'quote-items');
  assert(byPost.items[c.decision]?.lines.POSTAGE === payCfg.postage && byPost.total === c.fine + payCfg.postage, `quoted by post: ${JSON.stringify(byPost)}`);
  await page.click('input[name=method][value=COUNTER]');
  await page.waitForFunction(() => !document.querySelector('#f-delivery-address-provinceCode'));
  await page.waitForFunction((t) => document.querySelector('[data-testid=pay]:not([aria-busy=true])')?.textContent.includes(t), {}, vnd(c.fine));
  const atCounter = await paidItems(page, 'quote-items');
  assert(Object.keys(atCounter.items[c.decision]?.lines ?? {}).join() === 'PRINCIPAL' && atCounter.total === c.fine, `quoted at the counter: ${JSON.stringify(atCounter)}`);
  assert(!(await page.$('#f-delivery-officeCode')), 'no office to choose: the papers are at the deciding unit');
  assert((await text(page, 'section[aria-labelledby=papers-h]')).length > 0, 'the counter choice says where');
  await screen(page, 'pay-fine-counter');
  const inputs = [];
  const keep = (req) => {
    const body = req.postData() ?? '';
    if (req.url().endsWith('/graphql') && body.includes('CreatePayment')) inputs.push(JSON.parse(body).variables.input);
  };
  page.on('request', keep);
  const counterCode = await toSandbox(page);
  page.off('request', keep);
  assert(inputs.length === 1 && JSON.stringify(inputs[0].delivery) === '{"method":"COUNTER"}', `collected at the counter: ${JSON.stringify(inputs.map((i) => i.delivery))}`);
  await outcome(page, 'SUCCESS', 'SUCCEEDED');
  const counterPaid = await paidItems(page);
  const cl = counterPaid.items[c.decision]?.lines ?? {};
  assert(Object.keys(cl).join() === 'PRINCIPAL' && cl.PRINCIPAL === c.fine && counterPaid.total === c.fine,
    `at the counter: the fine only, no postage: ${JSON.stringify(counterPaid)}`);
  assert(await page.$('[data-testid=papers-delivery][data-method=COUNTER]'), 'the confirmation says the papers are collected at the counter');
  await screen(page, 'pay-fine-counter-done');
  await oneSMS(p.phone, counterCode, smsFrom);
  return `fine ${f.decision}: ${abandoned} given up in My payments, ${first} cancelled → ${second} refused (insufficient funds) → ${third} paid; one SMS; ` +
    `fine ${c.decision} with held papers collected at the counter: ${counterCode} paid (quoted with postage by post, without at the counter; delivery {method: COUNTER}, no postage line, said on the confirmation)`;
}

/** The lucky draw actingAs had confirmed (amended by promotionPhone). */
let confirmedPromotion = null;

/** On a phone: a notification to three departments (≥ 3 working days shown and checked), then the amendment of the confirmed registration. */
async function promotionPhone() {
  assert(confirmedPromotion, 'the lucky draw of the previous scenario was confirmed');
  const page = await newPage('promotion-phone', { width: 375, height: 740, mobile: true, ip: '10.2.0.4' });
  await login(page, P.an);
  await go(page, '/business');
  await page.waitForSelector('fieldset.acting-as');
  const head = await page.$$eval('input[name=acting]', (es) => es.find((e) => e.closest('label').innerText.includes('0100233488 '))?.value);
  await page.click(`input[name=acting][value="${head}"]`);
  await page.waitForSelector('[data-testid=start-notice]');
  await page.click('[data-testid=start-notice]');
  await page.waitForSelector('input[name=province][value="79"]');
  await page.waitForSelector('#f-startDate-hint');
  const earliest = await page.$eval('#f-startDate', (e) => e.min);
  assert(/^\d{4}-\d{2}-\d{2}$/.test(earliest), `the date input's min is the earliest start: ${earliest}`);
  const [y, m, dd] = earliest.split('-');
  assert((await text(page, '#f-startDate-hint')).includes(`${dd}/${m}/${y}`) && /3/.test(await text(page, '#f-startDate-hint')), 'the hint names 3 working days and the earliest date');
  const radios = await page.$$eval('input[name=form]', (es) => es.map((e) => e.value));
  assert(radios.join() === 'CONTEST_ENTRY,FREQUENT_CUSTOMER', `notification forms: ${radios}`);
  await page.click('input[name=form][value=FREQUENT_CUSTOMER]');
  await fill(page, '#f-programName', 'Tích điểm khách hàng thân thiết An Phát');
  for (const c of ['01', '79', '48']) await page.click(`input[name=province][value="${c}"]`);
  const shift = (date, n) => new Date(Date.parse(date + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);
  await setValue(page, '#f-startDate', shift(earliest, -1));
  await setValue(page, '#f-endDate', shift(earliest, 30));
  await fill(page, '#f-promotedGoods', 'Sữa tươi An Phát');
  await fill(page, '#f-customers', 'Khách hàng có thẻ thành viên');
  await fill(page, '#f-rules', 'Mỗi 100.000 đồng được 1 điểm; 50 điểm đổi 1 hộp sữa.');
  const dir = path.join(cfg.artifacts, 'files');
  mkdirSync(dir, { recursive: true });
  const pdf = (name) => {
    const f = path.join(dir, name);
    writeFileSync(f, `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
    return f;
  };
  await page.waitForSelector('#f-doc-NOTICE_FORM');
  await (await page.$('#f-doc-NOTICE_FORM')).uploadFile(pdf('thong-bao.pdf'));
  await page.waitForSelector('[data-testid=uploaded-NOTICE_FORM]', { timeout: 20000 });
  await page.click('main form button[type=submit].primary');
  await page.waitForSelector('#f-startDate-error');
  assert(/3/.test(await text(page, '#f-startDate-error')), 'a start one day before the earliest is refused before sending');
  await screen(page, 'promotion-notice-too-late', { both: true });
  await switchLang(page);
  assert(/working days/.test(await text(page, '#f-startDate-error')), 'the form\'s own message follows the language');
  await switchLang(page);
  await setValue(page, '#f-startDate', earliest);
  await screen(page, 'promotion-notice-form', { both: true });
  await page.click('main form button[type=submit].primary');
  await page.waitForSelector('dl.summary');
  await screen(page, 'promotion-notice-review');
  await confirm(page);
  await page.waitForSelector('[data-testid=notice-done] li', { timeout: 20000 });
  const sent = await page.$$eval('[data-testid=notice-done] li', (l) => l.map((x) => x.textContent));
  assert(sent.length === 3 && sent.every((x) => /Sở Công Thương|Department/.test(x)), `one notification per department: ${sent}`);
  assert(['Hà Nội', 'Hồ Chí Minh', 'Đà Nẵng'].every((n) => sent.some((x) => x.includes(n))), `to Hà Nội, Hồ Chí Minh and Đà Nẵng: ${sent}`);
  await screen(page, 'promotion-notice-done', { both: true });

  // The confirmed registration offers "Amend"; the amendment is filled from it and goes to the same department.
  await go(page, `/applications/${encodeURIComponent(confirmedPromotion.id)}`);
  await page.waitForSelector('[data-testid=amend]');
  await screen(page, 'promotion-registration-detail', { both: true });
  await page.click('[data-testid=amend]');
  await page.waitForSelector('#f-changes');
  await page.waitForFunction(() => document.querySelector('#f-programName')?.value === 'Quay số trúng thưởng mừng xuân');
  assert((await value(page, '#f-totalPrizeValue')) === '150000000', 'the amendment starts from the registration');
  assert((await page.$('input[name=province]')) === null, "a department's registration keeps its province (no area choice)");
  await fill(page, '#f-changes', 'Tăng tổng giá trị giải thưởng lên 200.000.000 đồng; thêm 2 giải ba.');
  await fill(page, '#f-totalPrizeValue', '200000000');
  await page.waitForSelector('#f-doc-AMENDMENT_FORM');
  await (await page.$('#f-doc-AMENDMENT_FORM')).uploadFile(pdf('don-sua-doi.pdf'));
  await page.waitForSelector('[data-testid=uploaded-AMENDMENT_FORM]', { timeout: 20000 });
  await screen(page, 'promotion-amend-form', { both: true });
  await page.click('main form button[type=submit].primary');
  await page.waitForSelector('dl.summary');
  await screen(page, 'promotion-amend-review');
  await confirm(page);
  await page.waitForSelector('[data-testid=app-code]', { timeout: 20000 });
  const code = await text(page, '[data-testid=app-code]');
  const agency = await text(page, '[data-testid=app-agency]');
  assert(/Hà Nội|Ha Noi/.test(agency), `the amendment goes to the registration's department: ${agency}`);
  await screen(page, 'promotion-amend-done', { both: true });
  await page.click('main a[href^="/applications/"]');
  await page.waitForSelector('[data-testid=amends]');
  assert((await text(page, '[data-testid=amends]')).includes(confirmedPromotion.code), 'the amendment links to the registration');
  await go(page, `/applications/${encodeURIComponent(confirmedPromotion.id)}`);
  await page.waitForSelector('[data-testid=amended-by] li');
  assert((await text(page, '[data-testid=amended-by]')).includes(code), 'the registration lists its amendment');
  assert((await page.$('[data-testid=amend]')) === null, 'no second "Amend" while the amendment is under consideration');
  await screen(page, 'promotion-registration-amended', { both: true });
  return `notification to 01/79/48 from ${earliest} (the day before refused); amendment ${code} of ${confirmedPromotion.code} → ${agency}`;
}

// Two lanes side by side (most of the time is spent waiting on the server and the SMS worker).
await Promise.all([
  (async () => {
    await test('seed flow (desktop 1280×800, vi + en screenshots)', () => seedFlow('desktop'));
    await test('reissue form userErrors next to their fields', reissueErrors);
    await test('keyboard only', keyboardOnly);
    await test('supplement with a note, then reject with a reason', supplementAndReject);
    await test('act for an enterprise and register a lucky draw', actingAs);
    await test('notify a promotion and amend the registration (phone 375×740)', promotionPhone);
  })(),
  (async () => {
    await test('seed flow (phone 375×740)', () => seedFlow('phone'));
    await test('faults: session expiry, API down, reload, double click', faults);
    await test('hostile strings and rate limit', hostile);
    await test('load more in My applications and the agency inbox', pagination);
  })(),
  (async () => {
    await test('pay a tax, electricity bills and a late fine (desktop)', payThree);
    await test('payment cancelled, then refused, then paid (phone)', payRetry);
  })(),
]);
await browser.close();

const violations = axeReport.reduce((n, r) => n + r.violations.length, 0);
writeFileSync(path.join(cfg.artifacts, 'axe.json'), JSON.stringify(axeReport, null, 2));
writeFileSync(path.join(cfg.artifacts, 'results.json'), JSON.stringify({ results, screens, failures, seconds: (Date.now() - started) / 1000 }, null, 2));
log(`axe: ${axeReport.length} screens checked, ${violations} violations; ${screens.length} screenshots in ${cfg.artifacts}`);
if (failures.length) {
  for (const f of failures) console.log('FAILURE', f);
  process.exit(1);
}
log('all browser tests passed');
