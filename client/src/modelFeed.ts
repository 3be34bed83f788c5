// The client's end of the model-change channel (pure): each netpol/modelChanged goes to the status
// bar as it is (the summary is all it shows: it never asks the server), and when its version is news
// the views are told. The server numbers its model versions from the start of
// each server process; the client counts revisions across restarts, so a restarted server's
// version 1 is still news. A view follows the model by the revision it last showed: it re-requests
// only when it is visible and the revision moved (a hidden view catches up when shown).
import type { ModelChangedParams, ModelSummary } from '../../server/src/protocol/requests';

export interface StatusPort {
  show(summary: ModelSummary): void;
}

export class ModelFeed {
  readonly revisions = new ModelRevisions();

  constructor(
    private readonly status: StatusPort,
    private readonly moved: () => void,
  ) {}

  received(params: ModelChangedParams): void {
    this.status.show(params.summary);
    if (this.revisions.received(params.version)) this.moved();
  }

  restarted(): void {
    this.revisions.restarted();
    this.moved();
  }
}

export class ModelRevisions {
  private version: number | undefined;
  /** Moves whenever the model moved, on this server or because the server restarted. */
  revision = 0;

  /** A netpol/modelChanged arrived; true when its version is news. */
  received(version: number): boolean {
    if (version === this.version) return false;
    this.version = version;
    this.revision += 1;
    return true;
  }

  /** A new server process: whatever it says next is news. */
  restarted(): void {
    this.version = undefined;
    this.revision += 1;
  }
}

export class ViewFollower {
  constructor(private seen: number) {}

  /** True when the view should re-request now (and it is then up to date with `revision`). */
  due(visible: boolean, revision: number): boolean {
    if (!visible || revision === this.seen) return false;
    this.seen = revision;
    return true;
  }
}
