import { egressHub } from '../test/unit/analysis/egressHub';
const engine = await egressHub().engine();
const v = engine.check({ source: 'eni-a', destination: '198.51.100.7', protocol: 'tcp', port: 443 });
console.log(v.allowed);
for (const l of v.explanation) console.log(l.layer, l.verdict, '\n  ', l.reason, '\n  ', JSON.stringify(l.rules.map((r: any) => r.kind === 'route' ? `${r.routeTableId} ${r.destination} ${r.target}` : r.kind+' '+(r.networkAclId ?? r.groupId))));
