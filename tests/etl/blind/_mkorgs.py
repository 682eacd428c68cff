import glob, os, yaml
D = os.path.dirname(os.path.abspath(__file__))
G = {}
for f in sorted(glob.glob(os.path.join(D, '*.expected.yml'))):
    for k, v in (yaml.safe_load(open(f, encoding='utf-8')).get('organizations') or {}).items():
        if k in G and G[k] != v: print('CONFLICT', k, G[k], v, f)
        G.setdefault(k, v)
with open(os.path.join(D, 'ORGANIZATIONS.yml'), 'w', encoding='utf-8') as out:
    out.write('# key -> {name, country, kind}; keys used by the *.expected.yml files\n')
    for k in sorted(G):
        v = G[k]
        c = 'null' if v['country'] is None else v['country']
        out.write(f'{k}: {{name: {yaml.safe_dump(v["name"], allow_unicode=True, default_style=chr(34)).strip()}, country: {c}, kind: {v["kind"]}}}\n')
print(len(G), 'orgs')
