// RapiDoc ships no type declarations; it registers the <rapi-doc> custom element when imported.
declare module "rapidoc";
