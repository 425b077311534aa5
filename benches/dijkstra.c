/* Twin of dijkstra.py: the same generated graph (adjacency arrays), Dijkstra with a binary
 * heap of (distance, node) pairs, breadth-first hop counts with a ring-buffer queue, and
 * the distances in hash tables from node to distance that hold the nodes reached, as the
 * program's dicts do (open addressing, linear probing, as dict_int.c). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct { long key, value; char used; } Slot;
typedef struct { Slot *slots; size_t cap, len; } Map;

static size_t slot_of(const Map *m, long key) {
    uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15ULL;
    return (size_t)(h >> 32) & (m->cap - 1);
}

static long *find(Map *m, long key) {
    for (size_t i = slot_of(m, key); m->slots[i].used; i = (i + 1) & (m->cap - 1))
        if (m->slots[i].key == key) return &m->slots[i].value;
    return NULL;
}

static void put(Map *m, long key, long value);

static void grow(Map *m) {
    Slot *old = m->slots;
    size_t old_cap = m->cap;
    m->cap = old_cap ? old_cap * 2 : 8;
    m->slots = calloc(m->cap, sizeof(Slot));
    m->len = 0;
    for (size_t j = 0; j < old_cap; j++)
        if (old[j].used) put(m, old[j].key, old[j].value);
    free(old);
}

/* Inserts a key that is not in the map. */
static void put(Map *m, long key, long value) {
    if ((m->len + 1) * 3 > m->cap * 2) grow(m);
    size_t i = slot_of(m, key);
    while (m->slots[i].used) i = (i + 1) & (m->cap - 1);
    m->slots[i] = (Slot){key, value, 1};
    m->len++;
}

static Map map_new(void) {
    Map m = {calloc(8, sizeof(Slot)), 8, 0};
    return m;
}

typedef struct { long d; long v; } Item;
typedef struct { Item *a; long len, cap; } Heap;

static int less(Item x, Item y) { return x.d < y.d || (x.d == y.d && x.v < y.v); }

static void push(Heap *h, Item it) {
    if (h->len == h->cap) {
        h->cap = h->cap ? h->cap * 2 : 1024;
        h->a = realloc(h->a, (size_t)h->cap * sizeof(Item));
    }
    long pos = h->len++;
    while (pos > 0) {
        long parent = (pos - 1) >> 1;
        if (!less(it, h->a[parent])) break;
        h->a[pos] = h->a[parent];
        pos = parent;
    }
    h->a[pos] = it;
}

static Item pop(Heap *h) {
    Item top = h->a[0], last = h->a[--h->len];
    long pos = 0, n = h->len;
    while (2 * pos + 1 < n) {
        long child = 2 * pos + 1;
        if (child + 1 < n && less(h->a[child + 1], h->a[child])) child++;
        if (!less(h->a[child], last)) break;
        h->a[pos] = h->a[child];
        pos = child;
    }
    if (n) h->a[pos] = last;
    return top;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 300000, degree = 4;
    long *to = malloc((size_t)(n * degree) * sizeof(long)), *weight = malloc((size_t)(n * degree) * sizeof(long));
    long state = 12345;
    for (long e = 0; e < n * degree; e++) {
        state = (state * 1103515245 + 12345) % 2147483648L;
        to[e] = (state >> 8) % n;
        state = (state * 1103515245 + 12345) % 2147483648L;
        weight[e] = 1 + (state >> 8) % 100;
    }
    Heap h = {0};
    long *queue = malloc(16 * sizeof(long)), qcap = 16;
    for (int k = 0; k < 4; k++) {
        long src = k * (n / 4);
        Map dist = map_new();
        put(&dist, src, 0);
        h.len = 0;
        push(&h, (Item){0, src});
        while (h.len) {
            Item it = pop(&h);
            if (it.d > *find(&dist, it.v)) continue;
            for (long e = it.v * degree; e < (it.v + 1) * degree; e++) {
                long v = to[e], nd = it.d + weight[e];
                long *dv = find(&dist, v);
                if (!dv) put(&dist, v, nd);
                else if (nd < *dv) *dv = nd;
                else continue;
                push(&h, (Item){nd, v});
            }
        }
        long total = 0, far = 0;
        for (size_t i = 0; i < dist.cap; i++) {
            if (!dist.slots[i].used) continue;
            total += dist.slots[i].value;
            if (dist.slots[i].value > far) far = dist.slots[i].value;
        }
        Map hops = map_new();
        put(&hops, src, 0);
        long head = 0, count = 1;
        queue[0] = src;
        while (count) {
            long u = queue[head];
            head = (head + 1) & (qcap - 1);
            count--;
            long hu = *find(&hops, u) + 1;
            for (long e = u * degree; e < (u + 1) * degree; e++) {
                if (find(&hops, to[e])) continue;
                put(&hops, to[e], hu);
                if (count == qcap) { /* unroll the ring into one twice as large */
                    long *bigger = malloc((size_t)(2 * qcap) * sizeof(long));
                    for (long i = 0; i < count; i++) bigger[i] = queue[(head + i) & (qcap - 1)];
                    free(queue);
                    queue = bigger;
                    head = 0;
                    qcap *= 2;
                }
                queue[(head + count++) & (qcap - 1)] = to[e];
            }
        }
        long hop_total = 0, deepest = 0;
        for (size_t i = 0; i < hops.cap; i++) {
            if (!hops.slots[i].used) continue;
            hop_total += hops.slots[i].value;
            if (hops.slots[i].value > deepest) deepest = hops.slots[i].value;
        }
        printf("%ld %zu %ld %ld %zu %ld %ld\n", src, dist.len, total, far, hops.len, hop_total, deepest);
        free(dist.slots);
        free(hops.slots);
    }
    free(to); free(weight); free(queue); free(h.a);
    return 0;
}
