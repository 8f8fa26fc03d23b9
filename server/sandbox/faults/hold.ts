import type { Context } from 'hono';
import type { FaultController } from './types';

interface NodeBindings {
  incoming?: { socket?: import('node:net').Socket };
}

/**
 * "The write happened but the answer never came": keeps the response back until the client
 * gives up (its socket closes), the hold time passes, or the sandbox shuts down — then destroys
 * the connection so the client sees a dropped connection, never a status.
 * Outside a Node server (app.request in a unit test) there is no socket: it only waits.
 */
export async function holdThenDrop(c: Context, controller: FaultController, holdMs: number): Promise<void> {
  const socket = (c.env as NodeBindings | undefined)?.incoming?.socket;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, holdMs);
    timer.unref?.();
    const unregister = controller.hold(done);
    socket?.once('close', done);
    function done() {
      clearTimeout(timer);
      unregister();
      socket?.off('close', done);
      resolve();
    }
  });
  socket?.destroy();
}
