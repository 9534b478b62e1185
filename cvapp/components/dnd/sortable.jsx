// Drag-and-drop ordering for cvapp, on @dnd-kit: a sortable list and a board of columns.
//
// The rows are rendered by Reflex (SortableItem children of SortableList or BoardColumn);
// these components only move them and say where they were dropped:
//   SortableList  onReorder(ids in the new order)
//   SortableBoard onMove(item id, column id, index in that column); within one column
//                 only with sortWithinColumns
// Every row has a DragHandle: a button that lifts the row with the pointer (after 6 px, so
// a click on another button inside the row stays a click) or with the keyboard (Space or
// Enter to lift, arrow keys to move, Space or Enter to drop, Escape to cancel). Moves are
// announced to screen readers with the rows' labels.
import React, { createContext, useContext, useEffect, useMemo, useRef, useState } from "react";
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  closestCorners,
  pointerWithin,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import {
  SortableContext,
  arrayMove,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";

const INSTRUCTIONS = {
  draggable:
    "To move this item, press Space or Enter, then the arrow keys, then Space or Enter " +
    "again to drop it. Escape cancels.",
};
const PENDING_MS = 5000;

const ItemContext = createContext(null);
const BoardContext = createContext(null);
const ColumnContext = createContext(null);

function labelOf(entry) {
  return (entry && entry.data && entry.data.current && entry.data.current.label) || "the item";
}

function useDragSensors() {
  return useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
}

// Only up and down in a list: the row never drifts sideways out of it.
const verticalOnly = ({ transform }) => ({ ...transform, x: 0 });

// Reflex renders the rows as an array of SortableItem elements (maybe nested in fragments).
function rowsOf(children) {
  const rows = [];
  React.Children.forEach(children, (child) => {
    if (!React.isValidElement(child)) return;
    if (child.type === React.Fragment) rows.push(...rowsOf(child.props.children));
    else rows.push(child);
  });
  return rows;
}

function rowId(row) {
  return row.props && row.props.id != null ? String(row.props.id) : null;
}

function listAnnouncements(orderRef) {
  const place = (id) => `position ${orderRef.current.indexOf(String(id)) + 1} of ${orderRef.current.length}`;
  return {
    onDragStart: ({ active }) => `Picked up ${labelOf(active)}, ${place(active.id)}.`,
    onDragOver: ({ active, over }) =>
      over ? `${labelOf(active)} is now at ${place(over.id)}.` : `${labelOf(active)} is not over the list.`,
    onDragEnd: ({ active, over }) =>
      over ? `Dropped ${labelOf(active)} at ${place(over.id)}.` : `Dropped ${labelOf(active)} where it was.`,
    onDragCancel: ({ active }) => `Moving cancelled: ${labelOf(active)} is back where it was.`,
  };
}

export function SortableList({ id, ids, onReorder, children, className, style, ...rest }) {
  const given = useMemo(() => (ids || []).map(String), [JSON.stringify(ids || [])]);
  // The order shown: the dropped order at once, the server's as soon as it answers.
  const [order, setOrder] = useState(given);
  const [dropped, setDropped] = useState(0);
  const orderRef = useRef(order);
  orderRef.current = order;
  // While a row is lifted the rows stay where they are: an order from the server (the answer
  // to the drop before, or a change made elsewhere) waits for the drop.
  const liftedRef = useRef(false);
  const waitingRef = useRef(false);
  const takeServerOrder = () => {
    if (liftedRef.current) waitingRef.current = true;
    else setOrder(given);
  };
  useEffect(takeServerOrder, [given]);
  // A drop the server did not take (an error, a conflict) goes back to its order.
  useEffect(() => {
    if (!dropped) return undefined;
    const timer = setTimeout(takeServerOrder, PENDING_MS);
    return () => clearTimeout(timer);
  }, [dropped, given]);
  const putDown = () => {
    liftedRef.current = false;
    const waiting = waitingRef.current;
    waitingRef.current = false;
    return waiting;
  };
  const sensors = useDragSensors();
  const announcements = useMemo(() => listAnnouncements(orderRef), []);
  const rows = rowsOf(children);
  const byId = new Map(rows.map((row) => [rowId(row), row]));
  const shown = [
    ...order.filter((key) => byId.has(key)).map((key) => byId.get(key)),
    ...rows.filter((row) => !order.includes(rowId(row))),
  ];
  const onDragEnd = ({ active, over }) => {
    const waiting = putDown();
    const from = over ? order.indexOf(String(active.id)) : -1;
    const to = over ? order.indexOf(String(over.id)) : -1;
    if (from < 0 || to < 0 || from === to) {
      if (waiting) setOrder(given);
      return;
    }
    const next = arrayMove(order, from, to);
    setOrder(next);
    setDropped((count) => count + 1);
    if (onReorder) onReorder(next);
  };
  return (
    <DndContext
      id={id}
      sensors={sensors}
      collisionDetection={closestCenter}
      modifiers={[verticalOnly]}
      onDragStart={() => {
        liftedRef.current = true;
      }}
      onDragEnd={onDragEnd}
      onDragCancel={() => {
        if (putDown()) setOrder(given);
      }}
      accessibility={{ announcements, screenReaderInstructions: INSTRUCTIONS }}
    >
      <SortableContext id={id} items={order} strategy={verticalListSortingStrategy}>
        <div className={className} style={style} {...rest}>
          {shown}
        </div>
      </SortableContext>
    </DndContext>
  );
}

export function SortableItem({ id, label, children, className, style, ...rest }) {
  const column = useContext(ColumnContext);
  const board = useContext(BoardContext);
  const sortable = useSortable({ id: String(id), data: { label, column } });
  const { setNodeRef, transform, transition, isDragging } = sortable;
  // A card dropped on another column leaves this one at once (the server then shows it there).
  const gone = board && board.pending && board.pending.id === String(id) && board.pending.to !== column;
  const moving = {
    transform: CSS.Translate.toString(transform),
    transition,
    position: "relative",
    zIndex: isDragging ? 5 : undefined,
    display: gone ? "none" : undefined,
  };
  return (
    <ItemContext.Provider value={sortable}>
      <div
        ref={setNodeRef}
        className={className}
        style={{ ...style, ...moving }}
        data-dragging={isDragging ? "true" : undefined}
        data-sortable-id={String(id)}
        {...rest}
      >
        {children}
      </div>
    </ItemContext.Provider>
  );
}

// The handle is the button given as the only child (a Radix icon button): it gets the
// drag listeners and ARIA attributes of its row.
export function DragHandle({ children }) {
  const sortable = useContext(ItemContext);
  const button = React.Children.toArray(children).find(React.isValidElement);
  if (!sortable || !button) return null;
  const { attributes, listeners, setActivatorNodeRef, isDragging } = sortable;
  return React.cloneElement(button, {
    ...attributes,
    ...listeners,
    ref: setActivatorNodeRef,
    style: { ...(button.props.style || {}), touchAction: "none", cursor: isDragging ? "grabbing" : "grab" },
  });
}

function boardAnnouncements(titles) {
  const where = (entry) => {
    if (!entry) return "outside the board";
    const data = entry.data && entry.data.current;
    const column = data && (data.column || data.container);
    return `over ${titles.current[column] || column}`;
  };
  return {
    onDragStart: ({ active }) => `Picked up ${labelOf(active)}.`,
    onDragOver: ({ active, over }) => `${labelOf(active)} is ${where(over)}.`,
    onDragEnd: ({ active, over }) =>
      over ? `Dropped ${labelOf(active)} ${where(over).replace("over", "in")}.` : `Dropped ${labelOf(active)} where it was.`,
    onDragCancel: ({ active }) => `Moving cancelled: ${labelOf(active)} is back where it was.`,
  };
}

// On a board the column under the pointer wins (a card is narrower than the columns, so its
// corners can be nearer the column it left); the keyboard, without a pointer, goes by corners.
function boardCollisions(args) {
  const under = pointerWithin(args);
  return under.length ? under : closestCorners(args);
}

function columnOf(entry) {
  const data = entry && entry.data && entry.data.current;
  return data ? data.column || data.container || null : null;
}

export function SortableBoard({ id, onMove, sortWithinColumns, children, className, style, ...rest }) {
  const sensors = useDragSensors();
  const [overColumn, setOverColumn] = useState(null);
  const [pending, setPending] = useState(null);
  const titles = useRef({});
  const announcements = useMemo(() => boardAnnouncements(titles), []);
  useEffect(() => {
    if (!pending) return undefined;
    const timer = setTimeout(() => setPending(null), PENDING_MS);
    return () => clearTimeout(timer);
  }, [pending]);
  const onDragEnd = ({ active, over }) => {
    setOverColumn(null);
    const from = columnOf(active);
    const to = columnOf(over);
    if (!to) return;
    const data = over.data.current || {};
    const index = data.sortable ? data.sortable.index : data.count || 0;
    // Within its own column a card moves only on boards that keep an order in columns.
    if (to === from && (!sortWithinColumns || !data.sortable || data.sortable.index === active.data.current.sortable.index)) return;
    if (to !== from) setPending({ id: String(active.id), to });
    if (onMove) onMove(String(active.id), to, index);
  };
  const context = useMemo(() => ({ overColumn, pending, titles }), [overColumn, pending]);
  return (
    <BoardContext.Provider value={context}>
      <DndContext
        id={id}
        sensors={sensors}
        collisionDetection={boardCollisions}
        onDragOver={({ over }) => setOverColumn(columnOf(over))}
        onDragEnd={onDragEnd}
        onDragCancel={() => setOverColumn(null)}
        accessibility={{ announcements, screenReaderInstructions: INSTRUCTIONS }}
      >
        <div className={className} style={style} {...rest}>
          {children}
        </div>
      </DndContext>
    </BoardContext.Provider>
  );
}

export function BoardColumn({ id, ids, title, children, className, style, ...rest }) {
  const board = useContext(BoardContext);
  const items = useMemo(() => (ids || []).map(String), [JSON.stringify(ids || [])]);
  const { setNodeRef } = useDroppable({ id: `column:${id}`, data: { container: id, count: items.length } });
  if (board) board.titles.current[id] = title || id;
  const over = board && board.overColumn === id;
  return (
    <ColumnContext.Provider value={id}>
      <SortableContext id={id} items={items} strategy={verticalListSortingStrategy}>
        <div ref={setNodeRef} className={className} style={style} data-drop-target={over ? "true" : undefined} {...rest}>
          {children}
        </div>
      </SortableContext>
    </ColumnContext.Provider>
  );
}
