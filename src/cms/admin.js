// onderdak's additions to Decap CMS, loaded after Decap's bundle on /admin/.
//
// 1. File names. onderdak names the Dutch original `<id>.md` and a translation
//    `<id>.<lang>.md`; Decap's `multiple_files` i18n names every language `<id>.<lang>.md`.
//    Each backend is wrapped (`onderdak-proxy`, `onderdak-github`, ...) so that Decap sees
//    `<id>.nl.md` where the disk or the repository has `<id>.md`, and the other way round.
// 2. Comments. Editors write where they searched as YAML comments (`# Gezocht ...`); Decap
//    writes the front matter anew and would drop them. Before a file is written, the comment
//    lines of the file as it was are put back above the same fields.
// 3. A file whose content did not change is not written again (Decap writes every
//    language on each save), and a language nobody wrote a translation for gets no empty
//    file. js-yaml, loaded beside this script, reads both versions to compare them.
// 4. The preview uses the site's own stylesheet, and shows a service as the site does.
// 5. A file of the source register is a YAML list; Decap edits only mappings, so it is
//    shown as `sources: [...]` and written back as the list.
(function () {
  'use strict';
  const CMS = window.CMS;
  const settings = window.ONDERDAK_CMS || {};
  const locales = new Set(settings.locales || []);
  const def = settings.defaultLocale || 'nl';
  const CONTENT = /^content\/.*\.(md|yaml)$/;
  // Files without translations in the form: the register, the flow, site.yaml.
  const SINGLE = /^content\/(sources\/[^/]+|tree|site)\.yaml$/;
  const LIST = /^content\/sources\/[^/]+\.yaml$/;

  /** Disk (`x.md`) to Decap (`x.nl.md`). */
  function toCms(p) {
    if (typeof p !== 'string' || !CONTENT.test(p) || SINGLE.test(p)) return p;
    const m = /^(.*\/)?([^/]+)\.(md|yaml)$/.exec(p);
    const stem = m[2];
    const dot = stem.lastIndexOf('.');
    if (dot > 0 && locales.has(stem.slice(dot + 1))) return p;
    return (m[1] || '') + stem + '.' + def + '.' + m[3];
  }
  /** Decap (`x.nl.md`) to disk (`x.md`). */
  function toDisk(p) {
    if (typeof p !== 'string' || !CONTENT.test(p) || SINGLE.test(p)) return p;
    return p.replace(new RegExp('\\.' + def + '\\.(md|yaml)$'), '.$1');
  }
  function plain(o) {
    if (o === null || typeof o !== 'object') return false;
    const proto = Object.getPrototypeOf(o);
    return proto === Object.prototype || proto === null || Array.isArray(o);
  }
  /** Maps every `path`/`newPath` (and bare path strings) in a plain value. */
  function deep(v, f) {
    if (typeof v === 'string') return f(v);
    if (!plain(v)) return v;
    if (Array.isArray(v)) return v.map((x) => deep(x, f));
    const out = {};
    for (const [k, x] of Object.entries(v)) {
      if ((k === 'path' || k === 'newPath') && typeof x === 'string') out[k] = f(x);
      else if (typeof x === 'object') out[k] = deep(x, f);
      else out[k] = x;
    }
    return out;
  }

  // --- The source register: a list on disk, `sources:` in the form -----------------------

  /** The list `raw` as the mapping `sources: <list>` (comments and all, indented). */
  function listToMap(raw) {
    const lines = raw.replace(/\n$/, '').split('\n').map((l) => (l.trim() ? '  ' + l : l));
    return 'sources:\n' + lines.join('\n') + '\n';
  }
  /** `sources: <list>` as Decap writes it, back to the list. */
  function mapToList(raw) {
    const lines = raw.replace(/\n$/, '').split('\n');
    if (!/^sources:\s*(\[\])?\s*$/.test(lines[0] || '')) return raw;
    if (/\[\]/.test(lines[0])) return '[]\n';
    return lines.slice(1).map((l) => l.replace(/^ {2}/, '')).join('\n') + '\n';
  }
  /** A list file in items: each `- ` item with the comments and blank lines above it. */
  function items(raw) {
    const out = [];
    let pending = [];
    for (const l of raw.replace(/\n$/, '').split('\n')) {
      if (/^- /.test(l) || l === '-') {
        out.push({ lead: pending, lines: [l] });
        pending = [];
      } else if (/^\s*(#.*)?$/.test(l) || !out.length) {
        pending.push(l);
      } else {
        out[out.length - 1].lines.push(...pending, l);
        pending = [];
      }
    }
    return { items: out, tail: pending };
  }
  /** The list Decap wrote, with every item that says what it said written as it was
   *  (quotes, line breaks, the comments and blank lines above it); a changed item keeps
   *  the comments above it. Null without js-yaml. */
  function mergeList(oldRaw, newRaw) {
    if (!window.jsyaml) return null;
    const read = (it) => {
      try {
        return JSON.stringify(canon(window.jsyaml.load(it.lines.join('\n'))));
      } catch (_) {
        return null;
      }
    };
    const idOf = (it) => (/^- +id: *['"]?([^'"\s#]+)/.exec(it.lines[0]) || [])[1];
    const a = items(oldRaw);
    const olds = a.items.map((it) => ({ it, m: read(it), id: idOf(it), used: false }));
    const out = [];
    for (const it of items(newRaw).items) {
      const m = read(it);
      const same = olds.find((o) => !o.used && o.m !== null && o.m === m);
      const old = same || olds.find((o) => !o.used && o.id && o.id === idOf(it));
      if (old) {
        old.used = true;
        out.push(...old.it.lead, ...(same ? old.it.lines : it.lines));
      } else {
        if (out.length && out[out.length - 1].trim() !== '') out.push('');
        out.push(...it.lines);
      }
    }
    out.push(...a.tail);
    return out.join('\n') + '\n';
  }
  /** Entries read from the backend: a register file's text as the mapping. */
  function readLists(v) {
    if (Array.isArray(v)) return v.map(readLists);
    if (!plain(v)) return v;
    const path = (v.file && v.file.path) || v.path;
    if (typeof path === 'string' && LIST.test(path) && typeof v.data === 'string') {
      return Object.assign({}, v, { data: listToMap(v.data) });
    }
    return v;
  }

  // --- Comments ---------------------------------------------------------------------

  function splitFront(raw, yamlFile) {
    if (yamlFile) return { front: raw, rest: '', head: '' };
    const m = /^(---\r?\n)([\s\S]*?\r?\n)(---(\r?\n|$)[\s\S]*)$/.exec(raw);
    if (!m) return null;
    return { head: m[1], front: m[2], rest: m[3] };
  }
  /** Where a line's comment starts outside quotes, or -1. */
  function inlineComment(line) {
    let q = null;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (q) {
        if (c === q) q = null;
      } else if (c === '"' || c === "'") q = c;
      else if (c === '#' && i > 0 && /\s/.test(line[i - 1])) return i;
    }
    return -1;
  }
  /** Each line with the dotted path of the field it starts, or null. */
  function paths(lines) {
    const stack = [];
    return lines.map((l) => {
      const m = /^(\s*)(- +)?([A-Za-z_][\w-]*)\s*:(\s|$)/.exec(l);
      if (!m || /^\s*#/.test(l)) return null;
      const indent = m[1].length + (m[2] ? m[2].length : 0);
      while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
      stack.push({ indent, key: m[3] });
      return stack.map((s) => s.key).join('.');
    });
  }
  /** The comment lines of `oldRaw`, put back into `newRaw` above the same fields. */
  function keepComments(oldRaw, newRaw, yamlFile) {
    const a = splitFront(oldRaw, yamlFile);
    const b = splitFront(newRaw, yamlFile);
    if (!a || !b || !/(^|\n)\s*#|\s#/.test(a.front)) return newRaw;
    const oldLines = a.front.replace(/\n$/, '').split('\n');
    const oldPaths = paths(oldLines);
    const byPath = new Map();
    let pending = [];
    oldLines.forEach((l, i) => {
      if (/^\s*#/.test(l)) {
        pending.push(l);
        return;
      }
      const p = oldPaths[i];
      if (p === null) return; // a list item or a continued value: comments go on down
      const at = inlineComment(l);
      if (at >= 0) {
        const indent = /^\s*/.exec(l)[0].replace(/- /, '  ');
        pending.push(indent + l.slice(at).trim());
      }
      if (pending.length) {
        if (!byPath.has(p)) byPath.set(p, []);
        byPath.get(p).push(pending);
        pending = [];
      }
    });
    const newLines = b.front.replace(/\n$/, '').split('\n');
    const newPaths = paths(newLines);
    const out = [];
    newLines.forEach((l, i) => {
      const p = newPaths[i];
      const q = p !== null && byPath.get(p);
      if (q && q.length) out.push(...q.shift());
      out.push(l);
    });
    // Comments whose field is gone, and those after the last field, go at the end.
    for (const q of byPath.values()) for (const block of q) out.push(...block);
    out.push(...pending);
    return b.head + out.join('\n') + '\n' + b.rest;
  }

  async function oldRaw(inner, path) {
    try {
      const e = await inner.getEntry(path);
      return e && typeof e.data === 'string' ? e.data : null;
    } catch (_) {
      return null;
    }
  }
  /** Objects with their keys sorted, so two readings of the same YAML compare equal. */
  function canon(v) {
    if (Array.isArray(v)) return v.map(canon);
    if (v instanceof Date) return v.toISOString();
    if (v && typeof v === 'object') {
      const out = {};
      for (const k of Object.keys(v).sort()) out[k] = canon(v[k]);
      return out;
    }
    return v;
  }
  /** What a file says: its front matter (or YAML) read, and its text. */
  function meaning(raw, yamlFile) {
    const p = splitFront(raw, yamlFile);
    if (!p || !window.jsyaml) return null;
    try {
      const data = canon(window.jsyaml.load(p.front) || {});
      const body = p.rest.replace(/^---\r?\n?/, '').trim();
      return JSON.stringify([data, body]);
    } catch (_) {
      return null;
    }
  }
  function sameMeaning(a, b, yamlFile) {
    const x = meaning(a, yamlFile);
    return x !== null && x === meaning(b, yamlFile);
  }
  function emptyTranslation(raw, yamlFile) {
    const m = meaning(raw, yamlFile);
    if (m !== null) return m === JSON.stringify([{}, '']);
    return /^---\r?\n(\{\}\r?\n)?---\r?\n\s*$/.test(raw) || /^\s*(\{\})?\s*$/.test(raw);
  }
  function isTranslation(path) {
    return toCms(path) === path && !path.endsWith('.' + def + '.md');
  }

  async function persist(inner, entry, opts) {
    const files = entry.dataFiles || [entry];
    const kept = [];
    for (const f of files) {
      const path = f.newPath || f.path;
      const yamlFile = path.endsWith('.yaml');
      const before = await oldRaw(inner, f.path);
      let raw = LIST.test(path) ? mapToList(f.raw) : f.raw;
      // Decap writes every language of an entry on each save, in its own layout; a file
      // that says what it said is left as it was, so a save changes only what was edited.
      if (before !== null && !f.newPath && sameMeaning(before, raw, yamlFile)) continue;
      if (before !== null && LIST.test(path)) raw = mergeList(before, raw) || keepComments(before, raw, true);
      else if (before !== null) raw = keepComments(before, raw, yamlFile);
      if (before === null && isTranslation(path) && emptyTranslation(raw, yamlFile)) continue;
      kept.push(Object.assign({}, f, { raw }));
    }
    if (!kept.length) return;
    const next = Object.assign({}, entry, { dataFiles: kept });
    if (!entry.dataFiles) Object.assign(next, kept[0]);
    return inner.persistEntry(next, opts);
  }

  function wrap(inner) {
    return new Proxy(inner, {
      get(target, prop) {
        const v = target[prop];
        if (typeof v !== 'function') return v;
        return function (...args) {
          const mapped = args.map((a) => deep(a, toDisk));
          if (prop === 'persistEntry') return persist(target, mapped[0], mapped[1]);
          const r = v.apply(target, mapped);
          return r && typeof r.then === 'function'
            ? r.then((x) => readLists(deep(x, toCms)))
            : readLists(deep(r, toCms));
        };
      },
    });
  }

  for (const name of ['proxy'].concat(settings.hosts || [])) {
    const inner = CMS.getBackend(name);
    if (!inner) continue;
    // Decap calls `new Backend(config, options)`; returning the wrapped object from the
    // constructor hands Decap the wrapper.
    CMS.registerBackend('onderdak-' + name, function OnderdakBackend(config, options) {
      return wrap(inner.init(config, options));
    });
  }
  for (const css of settings.previewStyles || []) CMS.registerPreviewStyle(css);

  // A service in the preview as on its page (the site's classes, with its stylesheet).
  const h = window.h;
  const createClass = window.createClass;
  if (h && createClass && CMS.registerPreviewTemplate) {
    const DAYS = [['mon', 'Maandag'], ['tue', 'Dinsdag'], ['wed', 'Woensdag'], ['thu', 'Donderdag'],
      ['fri', 'Vrijdag'], ['sat', 'Zaterdag'], ['sun', 'Zondag']];
    const js = (x) => (x && typeof x.toJS === 'function' ? x.toJS() : x);
    const ServicePreview = createClass({
      render() {
        const data = js(this.props.entry.get('data')) || {};
        const contact = data.contact || {};
        const hours = data.hours || {};
        const rows = hours.always_open
          ? [h('tr', { key: 'all' }, h('td', null, 'Dag en nacht open'))]
          : DAYS.map(([k, day]) => h('tr', { key: k }, h('th', { scope: 'row' }, day),
            h('td', null, (hours[k] || []).join(', ') || 'gesloten')));
        const tel = contact.phone ? 'tel:' + String(contact.phone).replace(/[^0-9+]/g, '') : null;
        return h('main', { id: 'main' }, h('article', { className: 'service' },
          h('h1', null, data.name || ''),
          data.summary ? h('p', { className: 'lead' }, data.summary) : null,
          tel ? h('p', { className: 'contact' }, h('a', { className: 'call big', href: tel }, String(contact.phone))) : null,
          h('table', { className: 'hours' }, h('tbody', null, rows)),
          h('div', { className: 'body' }, this.props.widgetFor('body'))));
      },
    });
    for (const name of settings.serviceCollections || []) CMS.registerPreviewTemplate(name, ServicePreview);
  }
  CMS.init();

  // For the tests: the mapping and the comment merge, without a browser form.
  window.ONDERDAK_CMS_TEST = { toCms, toDisk, keepComments, sameMeaning, listToMap, mapToList };
})();
