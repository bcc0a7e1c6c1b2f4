import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";
import { guardAuthRequest, shapeAuthResponse } from "@/lib/auth/nextauth-guard";
import { errorResponse, otherMethods } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: Ctx) {
  try {
    const guarded = await guardAuthRequest(request);
    return shapeAuthResponse(await NextAuth(getAuthOptions())(guarded, context));
  } catch (error) {
    return errorResponse(error);
  }
}

export { handler as GET, handler as POST };

/** The other methods: a JSON 405 with Allow. */
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
