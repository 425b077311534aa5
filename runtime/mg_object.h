/* Heap objects of the multigen runtime: the header every object starts with,
 * type descriptors, and the 8-byte slots containers store.
 *
 * Memory is reference counted.  `rc < 0` marks an immortal object (string
 * literals emitted by codegen), which incref/decref leave alone.  A container
 * owns one reference to each element it holds.  Runtime functions borrow their
 * arguments and return a new reference unless their comment says "borrowed".
 */
#ifndef MG_OBJECT_H
#define MG_OBJECT_H

#include <stdint.h>

/* Keep in sync with `TypeKind` in src/codegen/types.rs. */
enum MgTypeKind {
    MG_T_INT = 0,
    MG_T_FLOAT = 1,
    MG_T_BOOL = 2,
    MG_T_NONE = 3,
    MG_T_STR = 4,
    MG_T_LIST = 5,
    MG_T_DICT = 6,
    MG_T_SET = 7,
};

/* A static type, as codegen describes it: `list[dict[str, int]]` is
 * {LIST, a={DICT, a={STR}, b={INT}}}. */
typedef struct MgType {
    int32_t kind;
    const struct MgType *a; /* element / key */
    const struct MgType *b; /* value */
} MgType;

typedef struct MgObj {
    int64_t rc;
    const MgType *type;
} MgObj;

/* A value in a container: an int64, a double's bits, a bool (0/1) or an object pointer. */
typedef uint64_t MgSlot;

typedef struct MgStr {
    MgObj h;
    int64_t len;    /* bytes, without the terminating NUL */
    int64_t nchars; /* code points */
    int64_t hash;   /* -1 until computed */
    int64_t cap;    /* bytes allocated for data (0 for literals, which are never resized) */
    char data[];    /* UTF-8, NUL-terminated */
} MgStr;

typedef struct MgList {
    MgObj h;
    int64_t len, cap;
    MgSlot *items;
} MgList;

typedef struct MgDictEntry {
    int64_t hash;
    MgSlot key, value;
    int64_t live; /* 0 once deleted */
} MgDictEntry;

typedef struct MgDict {
    MgObj h;
    int64_t len;       /* live entries */
    int64_t n_entries; /* used entries, live or deleted */
    int64_t cap_entries;
    MgDictEntry *entries;
    int64_t mask;    /* index table size - 1 */
    int64_t *index;  /* -1 empty, -2 deleted, else entry number */
} MgDict;

/* CPython's set table, entry for entry, so that sets of ints iterate in CPython's order. */
typedef struct MgSetEntry {
    MgSlot key;
    int64_t hash;
    int32_t state; /* 0 unused, 1 active, 2 dummy (deleted) */
} MgSetEntry;

typedef struct MgSet {
    MgObj h;
    int64_t fill, used, mask;
    MgSetEntry *table;
    int64_t finger; /* where `pop` starts looking (CPython's `so->finger`) */
} MgSet;

/* Growable byte buffer for building strings and reprs. */
typedef struct MgBuf {
    char *data;
    int64_t len, cap;
} MgBuf;

extern const MgType mg_type_str;

static inline int mg_is_obj(const MgType *t) { return t->kind >= MG_T_STR; }

#endif
