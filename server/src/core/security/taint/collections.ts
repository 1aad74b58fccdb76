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
const READS = new Set(['get', 'getOrDefault', 'size', 'isEmpty', 'contains', 'containsKey', 'containsValue', 'indexOf', 'has', 'toString', 'length']);

/** Factories whose arguments are the list's elements, in order. */
const LIST_FACTORIES = /^((java\.util\.)?(Arrays\.asList|List\.of|Collections\.singletonList))$/;

/**
 * The shape of a new collection: empty for `new ArrayList<String>()` /
 * `new HashMap<>()` / `new Map()`, element by element for
 * `Arrays.asList(a, b)` and `List.of(a, b)`.
 */
export function freshShape(value: Node | null, taint: (n: Node) => Taint): Shape | undefined {
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
    if (name === 'remove' && keys.length === 1 && k !== undefined) {
      const entries = new Map(shape.entries);
      entries.delete(String(k));
      return { kind: 'map', entries };
    }
    return undefined;
  }
  const items = [...shape.items];
  if ((name === 'add' || name === 'push' || name === 'addLast' || name === 'offer') && keys.length === 1) return { kind: 'list', items: [...items, taints[0]!] };
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
  if (shape.kind === 'map') return shape.entries.get(String(k)) ?? (name === 'get' ? CLEAN : undefined);
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
