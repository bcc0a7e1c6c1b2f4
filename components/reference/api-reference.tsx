"use client";
// The OpenAPI reference, rendered by RapiDoc (a web component bundled from npm,
// loaded only on this page). No fonts, scripts or styles from anywhere else:
// load-fonts="false" keeps it from fetching Open Sans from a font CDN.
import { createElement, useEffect, useState, type CSSProperties } from "react";

export function ApiReference({ specUrl }: { specUrl: string }) {
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");
  useEffect(() => {
    let alive = true;
    import("rapidoc")
      .then(() => alive && setState("ready"))
      .catch(() => alive && setState("failed"));
    return () => {
      alive = false;
    };
  }, []);

  if (state === "failed") {
    return (
      <p role="alert" className="border-2 border-party p-4">
        The interactive reference could not load. The raw document is at <a href={specUrl}>{specUrl}</a>.
      </p>
    );
  }
  return (
    <div aria-busy={state === "loading"}>
      {state === "loading" && <p className="p-4 text-steel">Loading the reference…</p>}
      {createElement("rapi-doc", {
        "spec-url": specUrl,
        "render-style": "read",
        layout: "column",
        theme: "light",
        "load-fonts": "false",
        "show-header": "false",
        "allow-try": "false",
        "allow-authentication": "false",
        "allow-server-selection": "false",
        "allow-spec-url-load": "false",
        "allow-spec-file-load": "false",
        "schema-style": "table",
        "schema-expand-level": "2",
        "default-schema-tab": "schema",
        "bg-color": "#f5f0e6",
        "text-color": "#161412",
        "primary-color": "#b3121f",
        "nav-bg-color": "#161412",
        "nav-text-color": "#f5f0e6",
        "nav-hover-bg-color": "#4a4f57",
        "regular-font": 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        "mono-font": 'ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace',
        // RapiDoc's method colours (light blue GET, …) fail WCAG contrast on a light background; its
        // theme reads these custom properties, and the host's own style wins over its :host defaults.
        style: {
          display: "block",
          height: "calc(100dvh - 12rem)",
          minHeight: "30rem",
          "--blue": "#0b5c8a",
          "--green": "#1e6b34",
          "--orange": "#8a4b00",
          "--red": "#b3121f",
          "--purple": "#6b2c91",
          "--yellow": "#5c4a00",
        } as CSSProperties,
      })}
    </div>
  );
}
