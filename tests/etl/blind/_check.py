import sys, os, re, glob, yaml
D = os.path.dirname(os.path.abspath(__file__))
SHOW = '-v' in sys.argv
ONLY = [a for a in sys.argv[1:] if not a.startswith('-')]
errs = []
def err(f, m): errs.append(f"{f}: {m}")
def occs(s, sub):
    r, i = [], s.find(sub)
    while i >= 0:
        r.append(i); i = s.find(sub, i + 1)
    return r
KINDS = {'statement','declaration','resolution','letter','article','programme','web-page'}
FIELDS = {
 'signatories': {'text','occurrence','role','country','org'},
 'sections': {'text','occurrence','country','status','international','org'},
 'addressees': {'text','occurrence','country','org'},
 'issuers': {'text','occurrence','org'},
 'demands': {'text','occurrence','kind'},
}
REQ = {'signatories': {'text','role','country','org'}, 'sections': {'text','country','status','international','org'},
       'addressees': {'text','country','org'}, 'issuers': {'text','org'}, 'demands': {'text','kind'}}
allorgs = {}
gpath = os.path.join(D, 'ORGANIZATIONS.yml')
G = yaml.safe_load(open(gpath, encoding='utf-8')) if os.path.exists(gpath) else None
if G is None: err('ORGANIZATIONS.yml', 'missing')
else:
    for k, v in G.items():
        if set(v) != {'name','country','kind'}: err('ORGANIZATIONS.yml', f'{k} keys {set(v)}')
        if v.get('country') is not None and not re.fullmatch(r'[A-Z]{2}', str(v['country'])): err('ORGANIZATIONS.yml', f'{k} country')
txts = sorted(glob.glob(os.path.join(D, '*.txt')))
for t in txts:
    base = t[:-4]; name = os.path.basename(base)
    if ONLY and name not in ONLY: continue
    raw = open(t, 'rb').read()
    try: s = raw.decode('utf-8')
    except Exception as e: err(name, f'not utf8 {e}'); continue
    if '\r' in s: err(name, 'CR in txt')
    if '\t' in s: err(name, 'TAB in txt')
    nw = len(s.split())
    if not 250 <= nw <= 1200: err(name, f'word count {nw}')
    sc = yaml.safe_load(open(base + '.yml', encoding='utf-8'))
    if not set(sc) <= {'title','kind','date','language'}: err(name, f'sidecar keys {set(sc)}')
    if 'title' not in sc or 'kind' not in sc: err(name, 'sidecar missing title/kind')
    if sc.get('kind') not in KINDS: err(name, f"kind {sc.get('kind')}")
    if 'date' in sc and not re.fullmatch(r'\d{4}(-\d{2}(-\d{2})?)?', str(sc['date'])): err(name, f"date {sc['date']}")
    if 'language' in sc and sc['language'] != 'en': err(name, f"language {sc['language']}")
    ex = yaml.safe_load(open(base + '.expected.yml', encoding='utf-8'))
    if not set(ex) <= set(FIELDS) | {'organizations'}: err(name, f'expected keys {set(ex)}')
    orgs = ex.get('organizations') or {}
    used = set(); seen = set()
    for sect in FIELDS:
        if sect not in ex: continue
        L = ex[sect]
        if not L: err(name, f'empty {sect}'); continue
        for e in L:
            if not set(e) <= FIELDS[sect]: err(name, f'{sect} bad fields {e}')
            if not REQ[sect] <= set(e): err(name, f'{sect} missing fields {e}')
            tx = e.get('text')
            if not isinstance(tx, str) or not tx: err(name, f'{sect} text {e}'); continue
            if tx != tx.strip(): err(name, f'{sect} text has outer whitespace {tx!r}')
            o = occs(s, tx); n = e.get('occurrence', 1)
            if not o: err(name, f'{sect} NOT FOUND {tx!r}'); continue
            if len(o) > 1 and 'occurrence' not in e: err(name, f'{sect} {tx!r} occurs {len(o)}x, no occurrence')
            if not isinstance(n, int) or n < 1 or n > len(o): err(name, f'{sect} {tx!r} occurrence {n} of {len(o)}'); continue
            if 'occurrence' in e and len(o) == 1: err(name, f'{sect} {tx!r} needless occurrence')
            key = (tx, n)
            if key in seen: err(name, f'duplicate {key}')
            seen.add(key)
            if SHOW:
                i = o[n-1]; ln = s.count('\n', 0, i) + 1
                ctx = s[max(0,i-25):i] + '[[' + tx + ']]' + s[i+len(tx):i+len(tx)+25]
                print(f'{name} {sect[:4]} L{ln} #{n}/{len(o)} ' + ctx.replace('\n','⏎') + '  ' + str({k:v for k,v in e.items() if k not in ('text','occurrence')}))
            if 'country' in e and e['country'] is not None and not re.fullmatch(r'[A-Z]{2}', str(e['country'])): err(name, f"country {e['country']}")
            if sect == 'signatories' and e.get('role') not in ('signatory','participant'): err(name, f'role {e}')
            if sect == 'sections' and e.get('status') not in ('official','sympathizing','member'): err(name, f'status {e}')
            if sect == 'demands' and e.get('kind') not in ('slogan','demand','principle'): err(name, f'dkind {e}')
            for k in ('org','international'):
                if k in e:
                    if e[k] is None:
                        if not (sect == 'addressees' and k == 'org'): err(name, f'null {k} in {sect}')
                    else: used.add(e[k])
    if set(orgs) != used: err(name, f'organizations mismatch: unused {set(orgs)-used}, missing {used-set(orgs)}')
    for k, v in orgs.items():
        if G is not None:
            if k not in G: err(name, f'org {k} not in ORGANIZATIONS.yml')
            elif G[k] != v: err(name, f'org {k} differs from ORGANIZATIONS.yml')
        if not re.fullmatch(r'[a-z0-9_]+', k): err(name, f'org key {k}')
    print(f'{name}: words={nw} ' + ' '.join(f'{k}={len(ex[k])}' for k in FIELDS if k in ex))
print('\n'.join(errs) if errs else 'CLEAN')
