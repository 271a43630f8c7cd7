/** An endpoint of a flow query names nothing in the snapshot, or nothing usable for the flow. */
export class EndpointError extends Error {
  override readonly name = 'EndpointError';
}

/** A flow query's protocol or port is not a valid value for a flow. */
export class FlowError extends Error {
  override readonly name = 'FlowError';
}
