/** The centred title bar of a tab page, as in a mini-program. */
export function PageHeader({ title }: { title: string }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
    </header>
  );
}
