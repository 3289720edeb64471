/**
 * A strict little XML well-formedness check for the tests (elements, attributes, text,
 * predefined and numeric entities; no DTD, comments or CDATA, which renderSvg never writes).
 */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: (XmlNode | string)[];
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;

function decode(s: string, where: number): string {
  return s.replace(/&([^;]*);?/g, (m, body: string) => {
    if (!m.endsWith(';')) throw new Error(`bare & at ${where}`);
    if (body === 'amp') return '&';
    if (body === 'lt') return '<';
    if (body === 'gt') return '>';
    if (body === 'quot') return '"';
    if (body === 'apos') return "'";
    if (/^#\d+$/.test(body)) return String.fromCodePoint(Number(body.slice(1)));
    if (/^#x[0-9a-fA-F]+$/.test(body)) return String.fromCodePoint(parseInt(body.slice(2), 16));
    throw new Error(`unknown entity &${body}; at ${where}`);
  });
}

/** Parses `xml` into a tree; throws on anything not well-formed. */
export function parseXml(xml: string): XmlNode {
  let i = 0;
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  const skipWs = () => {
    while (i < xml.length && /\s/.test(xml[i])) i++;
  };
  while (i < xml.length) {
    if (xml[i] !== '<') {
      const end = xml.indexOf('<', i);
      const text = xml.slice(i, end < 0 ? xml.length : end);
      if (stack.length === 0) {
        if (text.trim() !== '') throw new Error(`text outside the root at ${i}`);
      } else stack[stack.length - 1].children.push(decode(text, i));
      i = end < 0 ? xml.length : end;
      continue;
    }
    if (xml.startsWith('</', i)) {
      i += 2;
      const m = NAME.exec(xml.slice(i));
      if (!m) throw new Error(`bad end tag at ${i}`);
      i += m[0].length;
      skipWs();
      if (xml[i] !== '>') throw new Error(`bad end tag at ${i}`);
      i++;
      const open = stack.pop();
      if (!open || open.name !== m[0]) throw new Error(`</${m[0]}> closes <${open?.name}> at ${i}`);
      continue;
    }
    if (xml.startsWith('<!', i) || xml.startsWith('<?', i)) throw new Error(`unexpected markup at ${i}`);
    i++;
    const m = NAME.exec(xml.slice(i));
    if (!m) throw new Error(`bad start tag at ${i}`);
    i += m[0].length;
    const node: XmlNode = { name: m[0], attrs: {}, children: [] };
    for (;;) {
      const before = i;
      skipWs();
      if (xml.startsWith('/>', i)) {
        i += 2;
        break;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      if (i === before) throw new Error(`attributes must be separated by space at ${i}`);
      const a = NAME.exec(xml.slice(i));
      if (!a) throw new Error(`bad attribute at ${i}: ${xml.slice(i, i + 20)}`);
      i += a[0].length;
      if (xml[i] !== '=' || (xml[i + 1] !== '"' && xml[i + 1] !== "'")) throw new Error(`unquoted attribute ${a[0]} at ${i}`);
      const q = xml[i + 1];
      const end = xml.indexOf(q, i + 2);
      if (end < 0) throw new Error(`unterminated attribute at ${i}`);
      const raw = xml.slice(i + 2, end);
      if (raw.includes('<')) throw new Error(`< in attribute ${a[0]} at ${i}`);
      if (a[0] in node.attrs) throw new Error(`duplicate attribute ${a[0]} at ${i}`);
      node.attrs[a[0]] = decode(raw, i);
      i = end + 1;
    }
    const selfClosing = xml[i - 2] === '/';
    if (stack.length === 0) {
      if (root !== null) throw new Error(`second root element <${node.name}> at ${i}`);
      root = node;
    } else stack[stack.length - 1].children.push(node);
    if (!selfClosing) stack.push(node);
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1].name}> never closed`);
  if (root === null) throw new Error('no root element');
  return root;
}

/** All text of a tree, each text node on its own line. */
export function allText(node: XmlNode): string[] {
  const out: string[] = [];
  const walk = (n: XmlNode) => {
    for (const c of n.children) {
      if (typeof c === 'string') {
        if (c.trim() !== '') out.push(c);
      } else walk(c);
    }
  };
  walk(node);
  return out;
}

/** Every element with a name. */
export function findAll(node: XmlNode, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (n: XmlNode) => {
    if (n.name === name) out.push(n);
    for (const c of n.children) if (typeof c !== 'string') walk(c);
  };
  walk(node);
  return out;
}
