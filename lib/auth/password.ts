// Slow salted hashing (bcrypt) for facilitator passwords.
import bcrypt from "bcryptjs";
import { getEnv } from "../env";

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, getEnv().bcryptCost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// A real bcrypt hash of a random string, so an unknown email costs as much time
// as a wrong password and response timing reveals nothing extra.
const DUMMY_HASH = "$2b$12$/S5sPRXc9hACdF1tToahfOziwB5R2snW2cGOKSGbskpsfy5pU4rSe";
export async function burnPasswordCheck(password: string): Promise<void> {
  await bcrypt.compare(password, DUMMY_HASH);
}
