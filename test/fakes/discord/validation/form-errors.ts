import { DiscordErrors } from "../errors.js";

export interface FormErrorEntry {
  code: string;
  message: string;
}

/** Discord's nested `errors` object: keys are field names / indexes, leaves hold `_errors`. */
export interface FormErrorTree {
  _errors?: FormErrorEntry[];
  [key: string]: FormErrorTree | FormErrorEntry[] | undefined;
}

export type FieldPath = ReadonlyArray<string | number>;

export class FormErrors {
  private readonly root: FormErrorTree = {};
  private count = 0;

  add(path: FieldPath, code: string, message: string): void {
    let node = this.root;
    for (const key of path) {
      const existing = node[String(key)];
      const child: FormErrorTree = existing && !Array.isArray(existing) ? existing : {};
      node[String(key)] = child;
      node = child;
    }
    (node._errors ??= []).push({ code, message });
    this.count += 1;
  }

  maxLength(path: FieldPath, value: string, max: number): void {
    if (value.length > max) this.add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
  }

  lengthBetween(path: FieldPath, value: string, min: number, max: number): void {
    if (value.length < min || value.length > max) {
      this.add(path, "BASE_TYPE_BAD_LENGTH", `Must be between ${min} and ${max} in length.`);
    }
  }

  required(path: FieldPath): void {
    this.add(path, "BASE_TYPE_REQUIRED", "This field is required");
  }

  get empty(): boolean {
    return this.count === 0;
  }

  /** Throws Discord's 50035 "Invalid Form Body" when anything was added. */
  throwIfAny(): void {
    if (!this.empty) throw DiscordErrors.invalidFormBody(this.root);
  }
}
