/**
 * Element-wise model of local collections: `new ArrayList<>()` followed by
 * `add` / `remove(index)` / `set`, and `new HashMap<>()` followed by
 * `put` / `remove` with constant keys. Reading `list.get(1)` or
 * `map.get("keyA")` then yields the taint of that element only, so storing
 * a tainted value under one key does not taint the constant read back from
 * another.
 *
 * Anything the model does not understand (a non-constant index or key, an
 * unknown method, the collection passed to another call) makes the
 * collection imprecise again: reads fall back to the taint of the whole
 * container, which is always kept up to date.
 */
import type { Node } from 'web-tree-sitter';
import type { Const } from './constants';
import { CLEAN, type Shape, type State, type Taint } from './state';

/** Constructors (with no arguments) that start an empty, precisely tracked collection. */
const LIST_TYPES = /^(?:java\.util\.)?(ArrayList|LinkedList|Vector|ArrayDeque|Stack|CopyOnWriteArrayList)\b/;
const MAP_TYPES = /^(?:java\.util\.(?:concurrent\.)?)?(HashMap|LinkedHashMap|TreeMap|Hashtable|ConcurrentHashMap|Map)\b/;

/** Methods that read without changing the collection. */
const READS = new Set(['get', 'getOrDefault', 'size', 'isEmpty', 'contains', 'containsKey', 'containsValue', 'indexOf', 'has', 'toString', 'length',
  'index', 'count', 'copy', 'keys', 'has_section', 'has_option', 'add_section', 'sections']);

/** Python constructors (no arguments) of an empty list / dict, and `configparser.ConfigParser()` (a map keyed by section and option). */
const PY_LIST_CALLS = /^(list|collections\.deque|deque)$/;
const PY_MAP_CALLS = /^(dict|collections\.OrderedDict|OrderedDict|configparser\.ConfigParser|configparser\.RawConfigParser|ConfigParser|RawConfigParser)$/;

/** Factories whose arguments are the list's elements, in order. */
const LIST_FACTORIES = /^((java\.util\.)?(Arrays\.asList|List\.of|Collections\.singletonList))$/;

/**
 * The shape of a new collection: empty for `new ArrayList<String>()` /
 * `new HashMap<>()` / `new Map()`, element by element for
 * `Arrays.asList(a, b)` and `List.of(a, b)`.
 */
export function freshShape(value: Node | null, taint: (n: Node) => Taint, fold: (n: Node) => Const | undefined): Shape | undefined {
  const py = value ? pythonShape(value, taint, fold) : undefined;
  if (py !== undefined) return py ?? undefined;
  if (value?.type === 'method_invocation') {
    const callee = `${value.childForFieldName('object')?.text ?? ''}.${value.childForFieldName('name')?.text ?? ''}`;
    const args = value.childForFieldName('arguments')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
    return LIST_FACTORIES.test(callee) && args.every((a) => a.type !== 'spread_parameter') ? { kind: 'list', items: args.map(taint) } : undefined;
  }
  if (!value || !/^(object_creation_expression|new_expression)$/.test(value.type)) return undefined;
  const args = value.childForFieldName('arguments');
  if (args && args.namedChildren.some((c) => c.type !== 'comment')) return undefined;
  const type = (value.childForFieldName('type') ?? value.childForFieldName('constructor'))?.text ?? '';
  if (MAP_TYPES.test(type)) return { kind: 'map', entries: new Map() };
  if (LIST_TYPES.test(type)) return { kind: 'list', items: [] };
  return undefined;
}

/**
 * Python literals and constructors: `[a, b]`, `{'k': v}` (constant keys only),
 * `list()`, `dict()`, `ConfigParser()`. Returns null for a Python node that
 * cannot be modelled and undefined for other grammars' nodes.
 */
function pythonShape(value: Node, taint: (n: Node) => Taint, fold: (n: Node) => Const | undefined): Shape | null | undefined {
  const items = value.namedChildren.filter((c) => c.type !== 'comment');
  if (value.type === 'list') return items.every((c) => !/splat|comprehension/.test(c.type)) ? { kind: 'list', items: items.map(taint) } : null;
  if (value.type === 'dictionary') {
    const entries = new Map<string, Taint>();
    for (const p of items) {
      const k = p.type === 'pair' ? p.childForFieldName('key') : null;
      const key = k ? fold(k) : undefined;
      const v = p.childForFieldName('value');
      if (key === undefined || !v) return null;
      entries.set(String(key), taint(v));
    }
    return { kind: 'map', entries };
  }
  if (value.type !== 'call') return undefined;
  const callee = value.childForFieldName('function')?.text ?? '';
  if (value.childForFieldName('arguments')?.namedChildren.some((c) => c.type !== 'comment')) return null;
  if (PY_LIST_CALLS.test(callee)) return { kind: 'list', items: [] };
  return PY_MAP_CALLS.test(callee) ? { kind: 'map', entries: new Map() } : null;
}

/** Python list index: negative indexes count from the end. */
function listIndex(items: readonly Taint[], k: Const | undefined, allowEnd: boolean): number | undefined {
  if (typeof k !== 'number' || !Number.isInteger(k)) return undefined;
  const i = k < 0 ? items.length + k : k;
  return i >= 0 && (i < items.length || (allowEnd && i === items.length)) ? i : undefined;
}

/** The shape after `coll[key] = value`, or undefined when the key is unknown (the collection becomes imprecise). */
export function storeElement(shape: Shape, key: Const | undefined, t: Taint): Shape | undefined {
  if (key === undefined) return undefined;
  if (shape.kind === 'map') return { kind: 'map', entries: new Map(shape.entries).set(String(key), t) };
  const i = listIndex(shape.items, key, false);
  if (i === undefined) return undefined;
  const items = [...shape.items];
  items[i] = t;
  return { kind: 'list', items };
}

/** Taint of `coll[key]` when the shape answers it precisely, else undefined. */
export function subscriptElement(shape: Shape, key: Const | undefined): Taint | undefined {
  if (key === undefined) return undefined;
  if (shape.kind === 'map') return shape.entries.get(String(key)) ?? CLEAN;
  const i = listIndex(shape.items, key, false);
  return i === undefined ? undefined : shape.items[i];
}

/**
 * The shape after calling `name(args)` on the collection; undefined when the
 * call cannot be modelled (the collection becomes imprecise). `keys` are the
 * folded argument values, `taints` their taints.
 */
export function mutate(shape: Shape, name: string, keys: readonly (Const | undefined)[], taints: readonly Taint[]): Shape | undefined {
  if (READS.has(name)) return shape;
  const [k] = keys;
  if (name === 'clear') return shape.kind === 'list' ? { kind: 'list', items: [] } : { kind: 'map', entries: new Map() };
  if (shape.kind === 'map') {
    if ((name === 'put' || name === 'set') && keys.length === 2 && k !== undefined) return { kind: 'map', entries: new Map(shape.entries).set(String(k), taints[1]!) };
    // configparser: conf.set(section, option, value)
    if (name === 'set' && keys.length === 3 && k !== undefined && keys[1] !== undefined) return { kind: 'map', entries: new Map(shape.entries).set(`${k}\0${keys[1]}`, taints[2]!) };
    if ((name === 'remove' || name === 'pop') && keys.length === 1 && k !== undefined) {
      const entries = new Map(shape.entries);
      entries.delete(String(k));
      return { kind: 'map', entries };
    }
    return undefined;
  }
  const items = [...shape.items];
  if ((name === 'add' || name === 'push' || name === 'addLast' || name === 'offer' || name === 'append') && keys.length === 1) return { kind: 'list', items: [...items, taints[0]!] };
  if ((name === 'pop' || name === 'removeLast') && keys.length === 0) return { kind: 'list', items: items.slice(0, -1) };
  if ((name === 'pop' || name === 'popleft') && keys.length <= 1) {
    const i = name === 'popleft' ? (items.length ? 0 : undefined) : listIndex(items, k, false);
    if (i === undefined) return undefined;
    items.splice(i, 1);
    return { kind: 'list', items };
  }
  if (name === 'insert' && keys.length === 2) {
    const i = typeof k === 'number' && k < 0 ? listIndex(items, k, true) : typeof k === 'number' ? Math.min(k, items.length) : undefined;
    if (i === undefined) return undefined;
    items.splice(i, 0, taints[1]!);
    return { kind: 'list', items };
  }
  if (name === 'addFirst' && keys.length === 1) return { kind: 'list', items: [taints[0]!, ...items] };
  const index = typeof k === 'number' && Number.isInteger(k) && k >= 0 && k <= items.length ? k : undefined;
  if (index === undefined) return undefined;
  if (name === 'add' && keys.length === 2) items.splice(index, 0, taints[1]!);
  else if (name === 'set' && keys.length === 2 && index < items.length) items[index] = taints[1]!;
  else if (name === 'remove' && keys.length === 1 && index < items.length) items.splice(index, 1);
  else return undefined;
  return { kind: 'list', items };
}

/** Taint of `coll.name(key)` when the shape answers it precisely, else undefined. */
export function readElement(shape: Shape, name: string, keys: readonly (Const | undefined)[]): Taint | undefined {
  const [k] = keys;
  if (k === undefined || (name !== 'get' && name !== 'getOrDefault')) return undefined;
  if (shape.kind === 'map' && keys.length === 2 && name === 'get' && keys[1] !== undefined && shape.entries.has(`${k}\0${keys[1]}`)) return shape.entries.get(`${k}\0${keys[1]}`);
  // Python's d.get(k, default) yields the default when k is missing; Java's get(k) yields null.
  if (shape.kind === 'map') return shape.entries.get(String(k)) ?? (name === 'get' && keys.length === 1 ? CLEAN : undefined);
  return typeof k === 'number' && keys.length === 1 ? (shape.items[k] ?? CLEAN) : undefined;
}

/**
 * Updates the element-wise model after the call `receiver.name(args)`. A
 * collection passed as an argument may be changed by the callee, so its
 * model is dropped.
 */
export function trackCall(st: State, name: string, receiver: Node | undefined, args: readonly Node[], isVar: (n: Node) => boolean, fold: (n: Node) => Const | undefined, taint: (n: Node) => Taint): void {
  for (const a of args) if (isVar(a) && st.shape(a.text)) st.setShape(a.text, undefined);
  const shape = receiver && isVar(receiver) ? st.shape(receiver.text) : undefined;
  if (shape) st.setShape(receiver!.text, mutate(shape, name, args.map(fold), args.map(taint)));
}
