// EC2 answers in XML whose element names the SDKs look up one by one; this renders plain objects into it.

/** A value to render: objects become elements, arrays become `<item>` lists, `undefined` is left out. */
export type XmlValue = string | number | boolean | undefined | XmlFields | readonly XmlValue[];
export interface XmlFields {
  readonly [element: string]: XmlValue;
}

export const EC2_XML_NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

// Characters XML 1.0 cannot carry at all would make the whole response unparseable.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function escapeXml(text: string): string {
  return text.replace(FORBIDDEN_IN_XML, "").replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

function renderValue(value: XmlValue): string {
  if (value === undefined) return "";
  if (Array.isArray(value)) return value.map((item) => renderElement("item", item)).join("");
  if (typeof value === "object") return renderFields(value as XmlFields);
  return escapeXml(String(value));
}

function renderElement(name: string, value: XmlValue): string {
  if (value === undefined) return "";
  const inner = renderValue(value);
  return inner === "" ? `<${name}/>` : `<${name}>${inner}</${name}>`;
}

function renderFields(fields: XmlFields): string {
  return Object.entries(fields)
    .map(([name, value]) => renderElement(name, value))
    .join("");
}

export function actionResponseXml(options: {
  action: string;
  requestId: string;
  body: XmlFields;
}): string {
  const { action, requestId, body } = options;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_XML_NAMESPACE}"><requestId>${escapeXml(requestId)}</requestId>${renderFields(body)}</${action}Response>`;
}

export function errorResponseXml(options: {
  code: string;
  message: string;
  requestId: string;
}): string {
  const { code, message, requestId } = options;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${escapeXml(requestId)}</RequestID></Response>`;
}
