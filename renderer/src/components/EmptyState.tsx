export function EmptyState({ loading }: { readonly loading: boolean }) {
  if (loading) {
    return (
      <section className="empty-state" aria-busy="true">
        <p>Loading snapshots…</p>
      </section>
    );
  }
  return (
    <section className="empty-state">
      <h1>No snapshot selected</h1>
      <p>
        Import an AWS export — the JSON of <code>aws ec2 describe-*</code> commands, a zip of them, or a
        folder — with the buttons on the left, or drop it anywhere on this window.
      </p>
    </section>
  );
}
