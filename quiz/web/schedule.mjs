// When the self-check's work runs: each step in a task of its own, so that no task grows long on a
// slow phone (ARCHITECTURE.md, the self-check's performance design).

// Runs `then` in a task of its own, queued now (after the task that is running).
export function soon(then) {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close(); // done with: an open port would keep Node's tests running
    then();
  };
  channel.port2.postMessage(null);
}

// Runs `then` in a task of its own once the next frame has been painted.
export function afterNextPaint(then) {
  requestAnimationFrame(() => soon(then));
}
