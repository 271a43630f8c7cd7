import { describe, expect, it } from 'vitest';
import { readCatalogFiles } from '../../../main/core/catalog';
import { maxDocumentsPerFile } from '../../../main/core/catalog/yamlDocuments';
import { refusal, textFile } from './files';

const header = 'apiVersion: backstage.io/v1alpha1\n';
const component = (name: string, spec = '{}', annotations = '{}') =>
  `${header}kind: Component\nmetadata:\n  name: ${name}\n  annotations: ${annotations}\nspec: ${spec}\n`;

function refuse(...texts: string[]) {
  return refusal(() => readCatalogFiles(texts.map((text, index) => textFile(`c${index + 1}.yaml`, text))));
}

describe('readCatalogFiles refuses', () => {
  it('a YAML syntax error, naming line and column', () => {
    const error = refuse(`${header}kind: Component\nmetadata:\n  name: [order-api\nspec: {}\n`);
    expect(error).toMatchObject({ file: 'c1.yaml', place: 'line 5, column 1' });
    expect(error.message).toContain('c1.yaml is not valid YAML at line 5, column 1');
  });

  it('a duplicate key, which would otherwise hide one of its values', () => {
    expect(refuse(`${header}kind: Component\nkind: API\n`).place).toBe('line 3, column 1');
  });

  it('an alias bomb, by the alias limit', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const name of 'bcdefghi') {
      const previous = levels.length === 1 ? 'a' : String.fromCharCode(name.charCodeAt(0) - 1);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    const error = refuse(
      `${header}kind: Component\nmetadata: {name: bomb}\nlol:\n  ${levels.join('\n  ')}\n`,
    );
    expect(error).toMatchObject({ file: 'c1.yaml', place: 'doc 1' });
    expect(error.message).toMatch(/alias/);
  });

  it('valid YAML nested too deeply to read, saying so rather than passing on the stack overflow', () => {
    const depth = 200_000;
    const error = refuse(
      `${header}kind: Component\nmetadata: {name: deep}\nspec: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
    );
    expect(error.file).toBe('c1.yaml');
    expect(error.message).toMatch(/^c1\.yaml is nested too deeply to read at /);
    expect(error.message).not.toContain('call stack');
  });

  it.each([
    [
      '__proto__',
      `metadata:\n  name: x\n  annotations:\n    __proto__: {polluted: "yes"}\n`,
      'doc 2 $.metadata.annotations.__proto__',
    ],
    ['constructor', `spec:\n  dependsOn:\n    - constructor: x\n`, 'doc 2 $.spec.dependsOn[0].constructor'],
    ['prototype', `"prototype": 1\n`, 'doc 2 $.prototype'],
  ])('the key %s, naming its path', (key, body, place) => {
    const error = refuse(`${component('ok')}---\n${header}kind: Component\n${body}`);
    expect(error).toMatchObject({ file: 'c1.yaml', place });
    expect(error.message).toContain(`the key ${key} is not allowed`);
  });

  it('a hostile key in the workload selector', () => {
    const error = refuse(component('x', '{}', `{faultline.dev/workload-selector: "__proto__=1"}`));
    expect(error.place).toBe('doc 1 $.metadata.annotations["faultline.dev/workload-selector"]');
  });

  it('a component declared twice, naming both places', () => {
    const error = refuse(component('order-api'), `${component('other')}---\n${component('order-api')}`);
    expect(error).toMatchObject({ file: 'c2.yaml', place: 'doc 2 $.metadata.name' });
    expect(error.message).toBe(
      'service order-api is declared twice: c1.yaml doc 1 $.metadata.name and c2.yaml doc 2 $.metadata.name',
    );
  });

  it('two components whose names differ only in case, as Backstage names are unique case-insensitively', () => {
    const error = refuse(component('Orders'), component('orders'));
    expect(error.message).toBe(
      'service orders is declared twice: c1.yaml doc 1 $.metadata.name and c2.yaml doc 1 $.metadata.name',
    );
  });

  it.each([
    ['dependsOn', component('x', '{dependsOn: ["resource:default/"]}'), 'doc 1 $.spec.dependsOn[0]'],
    ['owner', component('x', '{owner: "group:"}'), 'doc 1 $.spec.owner'],
    ['system', component('x', '{system: "system:default/ "}'), 'doc 1 $.spec.system'],
    ['consumesApis', component('x', '{consumesApis: [a, "api:b/"]}'), 'doc 1 $.spec.consumesApis[1]'],
  ])('a reference with an empty name in %s, naming it', (_, text, place) => {
    const error = refuse(text);
    expect(error.place).toBe(place);
    expect(error.message).toContain('an entity reference needs a name after its kind and namespace');
  });

  it.each([
    [
      'a dependsOn that is not a list of names',
      component('x', '{dependsOn: [a, 3]}'),
      'doc 1 $.spec.dependsOn[1]',
    ],
    ['a component without a name', `${header}kind: Component\nmetadata: {}\n`, 'doc 1 $.metadata.name'],
    [
      'a non-text annotation',
      component('x', '{}', '{faultline.dev/port: 8443}'),
      'doc 1 $.metadata.annotations["faultline.dev/port"]',
    ],
  ])('%s, naming the field', (_, text, place) => {
    expect(refuse(text).place).toBe(place);
  });

  it.each([
    ['a selector pair without =', '{faultline.dev/workload-selector: "app"}', 'is not written as key=value'],
    ['a selector key given twice', '{faultline.dev/workload-selector: "app=a,app=b"}', 'app is given twice'],
    [
      'an endpoint with a bad port',
      '{faultline.dev/dependencies: "db=tcp/99999"}',
      'is not a whole number 0-65535',
    ],
    ['an endpoint not protocol/port', '{faultline.dev/dependencies: "db=5432"}', 'is not tcp, udp, icmp'],
    [
      'an endpoint naming no dependency',
      '{faultline.dev/dependencies: "dd=tcp/5432"}',
      'dd is not something x depends on',
    ],
    [
      'an address that is not one',
      '{faultline.dev/address: "psp.example"}',
      '"psp.example" is not an IP address',
    ],
    [
      'a private address, which a workload has',
      '{faultline.dev/address: "192.0.2.10, 10.0.0.5"}',
      '10.0.0.5 is not an internet address',
    ],
  ])('%s in an annotation', (_, annotations, problem) => {
    const error = refuse(component('x', '{dependsOn: [resource:db]}', annotations));
    expect(error.place).toMatch(
      /^doc 1 \$\.metadata\.annotations\["faultline\.dev\/(workload-selector|dependencies|address)"\]$/,
    );
    expect(error.message).toContain(problem);
  });

  it.each([
    ['a name', component('n'.repeat(5000)), 'doc 1 $.metadata.name', '5,000'],
    [
      'a reference',
      component('x', `{dependsOn: [${'d'.repeat(4097)}]}`),
      'doc 1 $.spec.dependsOn[0]',
      '4,097',
    ],
    [
      'a profile',
      `${header}kind: User\nmetadata: {name: u}\nspec: {profile: {email: ${'e'.repeat(4097)}}}\n`,
      'doc 1 $.spec.profile.email',
      '4,097',
    ],
    [
      'an annotation Faultline reads',
      component('x', '{}', `{faultline.dev/workload-selector: "app=${'a'.repeat(5000)}"}`),
      'doc 1 $.metadata.annotations["faultline.dev/workload-selector"]',
      '5,004',
    ],
  ])('%s longer than 4,096 characters, as every reader does', (_, text, place, length) => {
    const error = refuse(text);
    expect(error).toMatchObject({ file: 'c1.yaml', place });
    expect(error.message).toBe(
      `c1.yaml ${place}: expected a string of at most 4,096 characters, got one of ${length}`,
    );
  });

  it('more documents than the limit', () => {
    const error = refuse('---\n'.repeat(maxDocumentsPerFile + 1));
    expect(error.message).toContain(`more than ${maxDocumentsPerFile} YAML documents`);
  });

  it('a file that is not UTF-8', () => {
    const error = refusal(() =>
      readCatalogFiles([{ name: 'bin.yaml', data: new Uint8Array([0xff, 0xfe, 0x00]) }]),
    );
    expect(error.message).toBe('bin.yaml is not valid UTF-8 text');
  });
});

describe('readCatalogFiles accepts', () => {
  it('an annotation Faultline does not read, however long: its plugin decides', () => {
    const text = component('x', '{}', `{example.com/notes: "${'n'.repeat(10_000)}"}`);
    expect(readCatalogFiles([textFile('c.yaml', text)]).services).toHaveLength(1);
  });

  it('an annotation entry naming the provider of an API nobody in the files provides', () => {
    const text = component(
      'x',
      '{consumesApis: [elsewhere-api]}',
      '{faultline.dev/dependencies: "far=tcp/1"}',
    );
    expect(readCatalogFiles([textFile('c.yaml', text)]).unresolved).toHaveLength(1);
  });
});
