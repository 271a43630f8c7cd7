import { describe, expect, it } from 'vitest';
import { looksLikeDependenciesFile, readDependenciesFile } from '../../../main/core/catalog';
import { fixture, refusal, textFile } from './files';

const csvHeader = 'service,depends_on,protocol,port,owner\n';

describe('readDependenciesFile', () => {
  it('reads a CSV with any header case, normalising protocols and keeping one service per name', () => {
    const { services, dependencies } = readDependenciesFile(fixture('dependencies.csv'));
    expect(
      dependencies.map(({ from, to, protocol, port }) => `${from} -> ${to} ${protocol}/${port}`),
    ).toEqual([
      'order-api -> orders-db tcp/5432',
      'order-api -> payment-gateway tcp/8443',
      'payment-gateway -> fraud-check tcp/443',
      'reporting -> orders-db null/null',
    ]);
    expect(dependencies[1]).toMatchObject({
      origin: 'dependencies-file',
      source: { file: 'dependencies.csv', path: 'line 3' },
    });
    expect(services.map(({ name, owner, source }) => `${name} ${owner} ${source.path}`)).toEqual([
      'order-api team-orders line 2',
      'payment-gateway team-payments line 4',
      'reporting null line 5',
      'ledger team-finance line 6',
    ]);
    expect(services[0]).toMatchObject({ app: null, workloadSelector: null, origin: 'dependencies-file' });
  });

  it('takes an internet address as depends_on for a service outside the estate, named by it', () => {
    const text = `${csvHeader}payment-gateway,192.0.2.10,tcp,443,team-payments\nreporting,10.0.0.5,tcp,5432,\n`;
    const { services, dependencies } = readDependenciesFile(textFile('deps.csv', text));
    expect(dependencies.map(({ from, to }) => `${from} -> ${to}`)).toEqual([
      'payment-gateway -> 192.0.2.10',
      'reporting -> 10.0.0.5',
    ]);
    // A private address is no service outside the estate: it stays a name, as it was written.
    expect(services.map(({ name, addresses }) => [name, addresses ?? null])).toEqual([
      ['payment-gateway', null],
      ['192.0.2.10', ['192.0.2.10']],
      ['reporting', null],
    ]);
  });

  it('reads the YAML form, naming each row by its line', () => {
    const { services, dependencies } = readDependenciesFile(fixture('dependencies.yaml'));
    expect(
      dependencies.map(
        ({ from, to, protocol, port, source }) => `${from} -> ${to} ${protocol}/${port} ${source.path}`,
      ),
    ).toEqual([
      'payment-gateway -> fraud-check tcp/443 line 3',
      'fraud-check -> scoring udp/null line 8',
      'ledger -> ledger-db tcp/5432 line 11',
    ]);
    expect(services.map(({ name, owner }) => `${name} ${owner}`)).toEqual([
      'payment-gateway team-payments',
      'fraud-check null',
      'ledger null',
    ]);
  });

  it.each([
    [
      'a port that is not a number',
      `${csvHeader}a,b,tcp,80,\na,c,tcp,https,\n`,
      'line 3',
      'port "https" is not a whole number',
    ],
    ['a port over 65535', `${csvHeader}a,b,tcp,65536,\n`, 'line 2', 'is not a whole number 0-65535'],
    [
      'an unknown protocol',
      `${csvHeader}a,b,sctp-ish,1,\n`,
      'line 2',
      'protocol "sctp-ish" is not tcp, udp, icmp',
    ],
    ['a port on icmp', `${csvHeader}a,b,icmp,1,\n`, 'line 2', 'icmp has no ports'],
    [
      'a port without a protocol',
      `${csvHeader}a,b,tcp,,\na,b,,6379,\n`,
      'line 3',
      'port 6379 needs a protocol',
    ],
    ['an empty service', `${csvHeader}a,b,,,\n,b,,,\n`, 'line 3', 'service is empty'],
    ['a port without a dependency', `${csvHeader}a,,tcp,1,\n`, 'line 2', 'depends_on, which is empty'],
    [
      'two owners for one service',
      `${csvHeader}a,b,,,x\na,c,,,y\n`,
      'line 3',
      'a is owned by y here but by x on line 2',
    ],
    ['a row of the wrong width', `${csvHeader}a,b\n`, 'line 2', '2 fields where the header names 5 columns'],
    ['unknown columns', 'service,depends_on,dependson,team\n', 'line 1', 'unknown column dependson, team'],
    ['a repeated column', 'service,depends_on,Service\n', 'line 1', 'the column service appears twice'],
    ['a CSV syntax error', `${csvHeader}a,"b\n`, 'line 2', 'a quoted field is not closed'],
  ])('refuses a CSV with %s, naming the line', (_, text, place, problem) => {
    const error = refusal(() => readDependenciesFile(textFile('deps.csv', text)));
    expect(error).toMatchObject({ file: 'deps.csv', place });
    expect(error.message).toContain(problem);
  });

  it.each([
    [
      'a bad port',
      'dependencies:\n  - service: a\n    depends_on: b\n  - service: a\n    port: -1\n    depends_on: c\n',
      'line 4',
      'port "-1"',
    ],
    [
      'an unknown key',
      'dependencies:\n  - {service: a, dependson: b}\n',
      'line 2',
      'unknown column dependson',
    ],
    [
      'a nested value',
      'dependencies:\n  - service: a\n    depends_on: [b, c]\n',
      'line 2',
      'depends_on must be text or a number',
    ],
    [
      'a number that is not finite',
      'dependencies:\n  - service: a\n    depends_on: .nan\n',
      'line 2',
      'depends_on must be text or a number',
    ],
    ['a row that is not a mapping', 'dependencies:\n  - a -> b\n', 'line 2', 'a dependency is a mapping'],
    ['a second document', 'dependencies: []\n---\ndependencies: []\n', 'line 3', 'holds one document'],
    [
      'a hostile key',
      'dependencies:\n  - {service: a, __proto__: b}\n',
      'doc 1 $.dependencies[0].__proto__',
      'not allowed',
    ],
  ])('refuses YAML with %s', (_, text, place, problem) => {
    const error = refusal(() => readDependenciesFile(textFile('deps.yaml', text)));
    expect(error).toMatchObject({ file: 'deps.yaml', place });
    expect(error.message).toContain(problem);
  });

  it.each([
    ['CSV', 'deps.csv', `${csvHeader}a,b,,,\n${'s'.repeat(5000)},db,tcp,5432,\n`, 'line 3', 'service: 5,000'],
    [
      'YAML',
      'deps.yaml',
      `dependencies:\n  - {service: a, owner: ${'o'.repeat(4097)}}\n`,
      'line 2',
      'owner: 4,097',
    ],
  ])(
    'refuses %s text longer than 4,096 characters, as every reader does, naming its line and column',
    (_, name, text, place, found) => {
      const [column, length] = found.split(': ');
      const error = refusal(() => readDependenciesFile(textFile(name, text)));
      expect(error).toMatchObject({ file: name, place });
      expect(error.message).toBe(
        `${name} ${place}: ${column}: expected a string of at most 4,096 characters, got one of ${length}`,
      );
    },
  );

  it('reads a CSV whose first line is blank, and refuses a misspelt depends_on naming the header line', () => {
    const { dependencies } = readDependenciesFile(
      textFile('deps.csv', '\nservice,depends_on,protocol,port,owner\norder-api,orders-db,tcp,5432,\n'),
    );
    expect(dependencies.map(({ from, to, source }) => `${from} ${to} ${source.path}`)).toEqual([
      'order-api orders-db line 3',
    ]);
    const error = refusal(() =>
      readDependenciesFile(textFile('deps.csv', 'service,depends-on,protocol,port,owner\na,b,tcp,1,\n')),
    );
    expect(error).toMatchObject({ place: 'line 1' });
    expect(error.message).toContain('unknown column depends-on');
  });

  it('refuses YAML without a dependencies list, and a file that is neither format', () => {
    const notAList = refusal(() =>
      readDependenciesFile(textFile('d.yaml', '# ours\ndependencies:\n  service: x\n')),
    );
    expect(notAList.message).toBe('d.yaml line 3: expected a list under the key dependencies');
    expect(notAList.place).toBe('line 3');
    expect(refusal(() => readDependenciesFile(textFile('d.txt', 'a,b\n'))).message).toContain(
      'is not a dependencies file',
    );
  });
});

describe('looksLikeDependenciesFile', () => {
  it.each([
    ['deps.csv', '\ufeff"Service","Depends_On"\r\na,b\r\n', true],
    ['deps.csv', 'id,name\n1,x\n', false],
    ['deps.csv', '\nservice,depends_on,protocol,port,owner\na,b,tcp,5432,\n', true],
    ['deps.csv', 'service,Depends-On,protocol,port,owner\n', true],
    [
      'mychart/Chart.yaml',
      'apiVersion: v2\nname: mychart\nversion: 0.1.0\ndependencies:\n  - name: postgresql\n    version: 12.5.6\n    repository: https://charts.bitnami.com/bitnami\n',
      false,
    ],
    ['environment.yml', 'name: env\ndependencies:\n  - python=3.11\n  - numpy\n', false],
    ['deps.yaml', 'dependencies:\n  - {service: a, depends_on: b}\n', true],
    ['deps.yml', '# ours\ndependencies:\n  - service: a\n', true],
    ['catalog-info.yaml', 'apiVersion: backstage.io/v1alpha1\ndependencies: []\n', false],
    ['deps.json', '{"dependencies": []}', false],
  ])('%s %j -> %s', (name, text, expected) => {
    expect(looksLikeDependenciesFile(name, text)).toBe(expected);
  });
});
