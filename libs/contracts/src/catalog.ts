/** One entry per NATS request subject: the source of the published subject list (AsyncAPI). */
export interface ContractEntry {
  subject: string;
  service: string;
  summary: string;
  /** The request class (validated by the service); null when the body is empty. */
  request: (new () => object) | null;
  /** Name of the reply shape documented in the schemas. */
  reply: string;
  /** Error codes the subject may answer with. */
  errors?: string[];
}

export interface EventEntry {
  subject: string;
  service: string;
  summary: string;
  /** Name of the `data` shape inside the event envelope. */
  data: string;
}
