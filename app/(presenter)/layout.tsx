// Full-window screens for the projector (the debrief's presenter mode): no site header, no page column.
export default function PresenterLayout({ children }: { children: React.ReactNode }) {
  return children;
}
