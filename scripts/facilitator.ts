// Operator CLI for IT teams and scripted rehearsals.
//   npm run facilitator -- create --email E --name N [--password-stdin]
//   npm run facilitator -- token --email E [--label L]
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { emailSchema, facilitatorNameSchema, passwordSchema } from "../lib/domain/accounts";
import { hashPassword } from "../lib/auth/password";
import { createApiToken, createFacilitator, findFacilitatorByEmail } from "../lib/db/facilitators";
import { disconnectDb, ensureDatabaseReady } from "../lib/db/client";
import { AppError, describeZodError } from "../lib/errors";
import { ZodError } from "zod";

const USAGE = `Usage:
  npm run facilitator -- create --email <email> --name <name> [--password-stdin]
      Creates a facilitator account. Asks for the password (twice) on a terminal,
      or reads it from the first line of standard input with --password-stdin.
  npm run facilitator -- token --email <email> [--label <label>]
      Creates a personal API token for that facilitator and prints it once.
      Use it as "Authorization: Bearer <token>" with the facilitator API.`;

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      // Echo the prompt, hide what is typed.
      if (s.includes(question)) write.call(rl, s);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
  });
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdinLine();
  if (!process.stdin.isTTY) throw new AppError("bad_request", "No terminal to ask for a password: pass --password-stdin and pipe it in.");
  const first = await askHidden("Password (at least 10 characters): ");
  const second = await askHidden("Repeat the password: ");
  if (first !== second) throw new AppError("bad_request", "The two passwords differ.");
  return first;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      label: { type: "string" },
      "password-stdin": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (!values.email) throw new AppError("bad_request", "--email is required.");
  const email = emailSchema.parse(values.email);
  await ensureDatabaseReady();

  if (command === "create") {
    if (!values.name) throw new AppError("bad_request", "--name is required.");
    const name = facilitatorNameSchema.parse(values.name);
    const password = passwordSchema.parse(await readPassword(values["password-stdin"] ?? false));
    const facilitator = await createFacilitator({ email, name, passwordHash: await hashPassword(password) });
    console.log(`Created facilitator ${facilitator.name} <${facilitator.email}> (id ${facilitator.id}).`);
    return 0;
  }
  if (command === "token") {
    const facilitator = await findFacilitatorByEmail(email);
    if (!facilitator) throw new AppError("not_found", `No facilitator account uses ${email}.`);
    const label = values.label ?? `CLI token ${new Date().toISOString().slice(0, 10)}`;
    const token = await createApiToken(facilitator.id, label);
    console.error(`New API token "${token.name}" for ${facilitator.email}. It is shown only once; store it safely:`);
    console.log(token.token);
    return 0;
  }
  throw new AppError("bad_request", `Unknown command "${command}".\n${USAGE}`);
}

main(process.argv.slice(2))
  .then(async (code) => {
    await disconnectDb();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    await disconnectDb();
    if (error instanceof ZodError) console.error(`Error: ${describeZodError(error).message}`);
    else if (error instanceof AppError) console.error(`Error: ${error.message}`);
    else if (error instanceof Error && error.name === "TypeError" && "code" in error) console.error(`Error: ${error.message}\n${USAGE}`);
    else console.error(error);
    process.exit(1);
  });
