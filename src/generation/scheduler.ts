// Shares a fixed number of job slots fairly between members: round robin across members, FIFO within one.
//
// The next slot goes to the waiting member that was granted a slot least recently; members never granted one
// come first, in the order they started waiting. A member that gets a slot goes to the back of the rotation,
// including when it got one straight away, so a member that filled every slot waits behind newcomers.

export interface SlotRequest {
  /** Whose job this is, e.g. `${guildId}:${userId}`. */
  key: string;
  /** Aborting while waiting leaves the queue and rejects with the signal's reason; it does nothing once granted. */
  signal?: AbortSignal;
  /**
   * The request's 1-based place in the global order in which waiters will be granted (if nobody else arrives),
   * then 0 when granted. Called synchronously, on every queue change that moves it; must not throw.
   */
  onPosition?(position: number): void;
}

export interface Slot {
  /** Frees the slot for the next waiter; later calls do nothing. */
  release(): void;
}

export interface SchedulerOptions {
  /** Receives what an onPosition callback threw; by default it is rethrown on a microtask (an uncaught error). */
  onError?(error: unknown): void;
}

interface Link<T> {
  prev: T | undefined;
  next: T | undefined;
}

/** An intrusive doubly linked list: O(1) append and removal from anywhere. */
class Chain<T extends Link<T>> {
  first: T | undefined;
  last: T | undefined;
  size = 0;

  push(item: T): void {
    item.prev = this.last;
    item.next = undefined;
    if (this.last) this.last.next = item;
    else this.first = item;
    this.last = item;
    this.size++;
  }

  remove(item: T): void {
    if (item.prev) item.prev.next = item.next;
    else this.first = item.next;
    if (item.next) item.next.prev = item.prev;
    else this.last = item.prev;
    item.prev = item.next = undefined;
    this.size--;
  }
}

interface Waiter extends Link<Waiter> {
  member: Member;
  onPosition: ((position: number) => void) | undefined;
  position: number;
  /** The position last passed to onPosition; -1 before the first call. */
  reported: number;
  resolve(slot: Slot): void;
  reject(reason: unknown): void;
  detach(): void;
}

interface Member extends Link<Member> {
  key: string;
  running: number;
  waiters: Chain<Waiter>;
  /** The rotation list it is in: fresh or served; undefined only while being created. */
  list: Chain<Member> | undefined;
}

export class FairScheduler {
  private slotLimit: number;
  private readonly members = new Map<string, Member>();
  /** Members waiting for their first slot, in the order they started waiting. */
  private readonly fresh = new Chain<Member>();
  /** Members granted a slot before, least recently granted first; idle ones are dropped once they reach the front. */
  private readonly served = new Chain<Member>();
  private slotsInUse = 0;
  private waiterCount = 0;
  private listeners = 0;
  private readonly onError: (error: unknown) => void;

  constructor(limit: number, options: SchedulerOptions = {}) {
    this.slotLimit = checkedLimit(limit);
    this.onError =
      options.onError ??
      ((error) =>
        queueMicrotask(() => {
          throw error;
        }));
  }

  /** How many slots may be held at once. */
  get limit(): number {
    return this.slotLimit;
  }

  /**
   * Changes how many slots may be held at once. A higher limit grants waiters at once, in turn; a lower one lets
   * held slots run out (none is taken back) and grants nothing until fewer than the new limit are held.
   */
  setLimit(limit: number): void {
    this.slotLimit = checkedLimit(limit);
    this.changed(this.pump());
  }

  /**
   * A slot for work that is already under way (a job resumed at fal after a restart): granted at once, even above
   * the limit, and counted like any other, so that new work waits for it.
   */
  occupy(key: string): Slot {
    const slot = this.grant(this.members.get(key) ?? this.createMember(key));
    this.changed([]);
    return slot;
  }

  /** Slots currently held. */
  get running(): number {
    return this.slotsInUse;
  }

  /** Requests waiting for a slot. */
  get waiting(): number {
    return this.waiterCount;
  }

  /** Resolves once a slot is granted; the holder must release it exactly when its job no longer needs it. */
  acquire(request: SlotRequest): Promise<Slot> {
    const { signal, onPosition } = request;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const member = this.members.get(request.key) ?? this.createMember(request.key);
    // Every release hands its slot straight on, so a free slot means nobody is waiting.
    if (this.slotsInUse < this.slotLimit) {
      const slot = this.grant(member);
      if (onPosition) this.call(onPosition, 0);
      return Promise.resolve(slot);
    }
    return new Promise<Slot>((resolve, reject) => {
      const waiter: Waiter = {
        prev: undefined,
        next: undefined,
        member,
        onPosition,
        position: 0,
        reported: -1,
        resolve,
        reject,
        detach: () => {},
      };
      if (signal) {
        const abandon = () => this.abandon(waiter, signal.reason);
        signal.addEventListener("abort", abandon, { once: true });
        waiter.detach = () => signal.removeEventListener("abort", abandon);
      }
      member.waiters.push(waiter);
      if (!member.list) {
        this.fresh.push(member);
        member.list = this.fresh;
      }
      this.waiterCount++;
      if (onPosition) this.listeners++;
      this.changed([]);
    });
  }

  private createMember(key: string): Member {
    const member: Member = { prev: undefined, next: undefined, key, running: 0, waiters: new Chain(), list: undefined };
    this.members.set(key, member);
    return member;
  }

  private grant(member: Member): Slot {
    member.running++;
    this.slotsInUse++;
    member.list?.remove(member);
    this.served.push(member);
    member.list = this.served;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        member.running--;
        this.slotsInUse--;
        this.changed(this.pump());
      },
    };
  }

  /** Hands free slots to the next waiters in the rotation; returns them to be told position 0. */
  private pump(): Waiter[] {
    const granted: Waiter[] = [];
    while (this.slotsInUse < this.slotLimit && this.waiterCount > 0) {
      const member = this.nextMember();
      const waiter = member.waiters.first!;
      this.leave(waiter);
      const slot = this.grant(member);
      waiter.position = 0;
      waiter.resolve(slot);
      if (waiter.onPosition) granted.push(waiter);
    }
    return granted;
  }

  private nextMember(): Member {
    if (this.fresh.first) return this.fresh.first;
    let member = this.served.first;
    while (member && member.waiters.size === 0) member = member.next;
    return member!;
  }

  /** Takes a waiter out of its member's queue (the caller settles its promise). */
  private leave(waiter: Waiter): void {
    waiter.member.waiters.remove(waiter);
    waiter.detach();
    this.waiterCount--;
    if (waiter.onPosition) this.listeners--;
  }

  private abandon(waiter: Waiter, reason: unknown): void {
    const { member } = waiter;
    this.leave(waiter);
    waiter.onPosition = undefined;
    if (member.list === this.fresh && member.waiters.size === 0) {
      this.fresh.remove(member);
      this.members.delete(member.key);
    }
    waiter.reject(reason);
    this.changed([]);
  }

  /** After any change to the queue: forgets idle members, recomputes positions and reports those that moved. */
  private changed(granted: Waiter[]): void {
    this.prune();
    const moved = granted;
    if (this.listeners > 0) {
      for (const waiter of this.assignPositions()) {
        if (waiter.onPosition && waiter.position !== waiter.reported) moved.push(waiter);
      }
    }
    for (const waiter of moved) {
      // A callback may change the queue again; the nested change has then already reported the newer position.
      if (!waiter.onPosition || waiter.position === waiter.reported) continue;
      waiter.reported = waiter.position;
      this.call(waiter.onPosition, waiter.position);
    }
  }

  // An idle member at the front of the served list ranks before every other served member, exactly as it
  // would as a newcomer, so forgetting it changes nothing; this bounds the map without starving anybody.
  private prune(): void {
    let member = this.served.first;
    while (member && member.running === 0 && member.waiters.size === 0) {
      this.served.remove(member);
      this.members.delete(member.key);
      member = this.served.first;
    }
  }

  /** Numbers every waiter in grant order: one from each member per round, members in rotation order. O(waiters + members). */
  private assignPositions(): Waiter[] {
    const all: Waiter[] = [];
    let round: Waiter[] = [];
    for (let member = this.fresh.first; member; member = member.next) round.push(member.waiters.first!);
    for (let member = this.served.first; member; member = member.next) {
      if (member.waiters.first) round.push(member.waiters.first);
    }
    while (round.length > 0) {
      const next: Waiter[] = [];
      for (const waiter of round) {
        all.push(waiter);
        waiter.position = all.length;
        if (waiter.next) next.push(waiter.next);
      }
      round = next;
    }
    return all;
  }

  private call(onPosition: (position: number) => void, position: number): void {
    try {
      onPosition(position);
    } catch (error) {
      this.onError(error);
    }
  }
}

function checkedLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`the slot limit must be a positive integer, got ${limit}`);
  return limit;
}
