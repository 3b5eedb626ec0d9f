import winston from "winston";

/** winston re-exports winston-transport's base class at runtime; its typings only name the type. */
export const Transport = (
  winston as unknown as { Transport: new (options?: { format?: winston.Logform.Format }) => winston.transport }
).Transport;
