/**
 * The few XML-RPC values wiki RPC needs (strings, integers, booleans,
 * arrays, structs, faults), written and read without a dependency. Used by
 * the MoinMoin adapter.
 */
export type XmlRpcValue = string | number | boolean | XmlRpcValue[] | { [key: string]: XmlRpcValue };

export class XmlRpcFault extends Error {
  constructor(
    readonly faultCode: number,
    readonly faultString: string,
  ) {
    super(`XML-RPC fault ${faultCode}: ${faultString}`);
  }
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescape = (text: string) =>
  text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (named[entity]) return named[entity];
    return String.fromCodePoint(
      entity[1]?.toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10),
    );
  });

function encodeValue(value: XmlRpcValue): string {
  if (typeof value === 'string') return `<value><string>${escape(value)}</string></value>`;
  if (typeof value === 'boolean') return `<value><boolean>${value ? 1 : 0}</boolean></value>`;
  if (typeof value === 'number') return `<value><int>${Math.trunc(value)}</int></value>`;
  if (Array.isArray(value)) return `<value><array><data>${value.map(encodeValue).join('')}</data></array></value>`;
  return `<value><struct>${Object.entries(value)
    .map(([k, v]) => `<member><name>${escape(k)}</name>${encodeValue(v)}</member>`)
    .join('')}</struct></value>`;
}

/** A value that must be text (a page, a name, a token). */
export function asText(value: XmlRpcValue | undefined): string {
  if (typeof value === 'string') return value;
  throw new Error(`XML-RPC: expected a string, got ${JSON.stringify(value)}`);
}

export function methodCall(method: string, params: XmlRpcValue[]): string {
  return `<?xml version="1.0"?><methodCall><methodName>${escape(method)}</methodName><params>${params.map((p) => `<param>${encodeValue(p)}</param>`).join('')}</params></methodCall>`;
}

/** Reads XML one tag at a time; XML-RPC has no attributes, comments or mixed content worth keeping. */
class Reader {
  private at = 0;
  constructor(private readonly xml: string) {}

  private skip(): void {
    for (;;) {
      const rest = this.xml.slice(this.at);
      const ws = /^\s+/.exec(rest);
      if (ws) this.at += ws[0].length;
      else if (rest.startsWith('<?')) this.at = this.xml.indexOf('?>', this.at) + 2;
      else return;
    }
  }

  peek(): string | undefined {
    this.skip();
    return /^<(\/?[\w.]+)\s*(\/?)>/.exec(this.xml.slice(this.at))?.[1];
  }

  open(name: string): boolean {
    this.skip();
    const match = new RegExp(`^<${name}\\s*(/?)>`).exec(this.xml.slice(this.at));
    if (!match) throw new Error(`XML-RPC: expected <${name}> at ${this.xml.slice(this.at, this.at + 40)}`);
    this.at += match[0].length;
    return match[1] !== '/';
  }

  close(name: string): void {
    this.skip();
    const tag = `</${name}>`;
    if (!this.xml.startsWith(tag, this.at)) throw new Error(`XML-RPC: expected ${tag}`);
    this.at += tag.length;
  }

  text(): string {
    const end = this.xml.indexOf('<', this.at);
    const raw = this.xml.slice(this.at, end);
    this.at = end;
    return unescape(raw);
  }

  value(): XmlRpcValue {
    if (!this.open('value')) return '';
    // A bare <value>text</value> is a string.
    const bare = this.xml.slice(this.at);
    if (!/^\s*</.test(bare) || bare.startsWith('</value>')) {
      const text = this.text();
      this.close('value');
      return text;
    }
    const type = this.peek()!;
    let result: XmlRpcValue;
    if (type === 'array') {
      this.open('array');
      const items: XmlRpcValue[] = [];
      if (this.open('data')) {
        while (this.peek() === 'value') items.push(this.value());
        this.close('data');
      }
      this.close('array');
      result = items;
    } else if (type === 'struct') {
      const struct: Record<string, XmlRpcValue> = {};
      if (this.open('struct')) {
        while (this.peek() === 'member') {
          this.open('member');
          this.open('name');
          const name = this.text();
          this.close('name');
          struct[name] = this.value();
          this.close('member');
        }
        this.close('struct');
      }
      result = struct;
    } else {
      const empty = !this.open(type);
      const text = empty ? '' : this.text();
      if (!empty) this.close(type);
      result =
        type === 'boolean'
          ? text.trim() === '1'
          : type === 'int' || type === 'i4' || type === 'double'
            ? Number(text)
            : type === 'base64'
              ? Buffer.from(text, 'base64').toString('utf8')
              : text;
    }
    this.close('value');
    return result;
  }
}

/** The response's one value; a fault is thrown. */
export function parseResponse(xml: string): XmlRpcValue {
  const reader = new Reader(xml);
  reader.open('methodResponse');
  if (reader.peek() === 'fault') {
    reader.open('fault');
    const fault = reader.value() as { faultCode?: number; faultString?: string };
    throw new XmlRpcFault(Number(fault.faultCode ?? 0), String(fault.faultString ?? ''));
  }
  reader.open('params');
  reader.open('param');
  return reader.value();
}

/** A request's method and parameters: for test stand-ins that answer XML-RPC. */
export function parseCall(xml: string): { method: string; params: XmlRpcValue[] } {
  const reader = new Reader(xml);
  reader.open('methodCall');
  reader.open('methodName');
  const method = reader.text();
  reader.close('methodName');
  const params: XmlRpcValue[] = [];
  if (reader.peek() === 'params' && reader.open('params')) {
    while (reader.peek() === 'param') {
      reader.open('param');
      params.push(reader.value());
      reader.close('param');
    }
    reader.close('params');
  }
  return { method, params };
}

export function methodResponse(value: XmlRpcValue): string {
  return `<?xml version="1.0"?><methodResponse><params><param>${encodeValue(value)}</param></params></methodResponse>`;
}

export function faultResponse(code: number, message: string): string {
  return `<?xml version="1.0"?><methodResponse><fault>${encodeValue({ faultCode: code, faultString: message })}</fault></methodResponse>`;
}
