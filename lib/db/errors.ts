// Prisma error checks that hold for both generated clients (SQLite and the
// PostgreSQL twin each ship their own runtime, so `instanceof` only matches one).
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002" && (error as { name?: unknown }).name === "PrismaClientKnownRequestError";
}
