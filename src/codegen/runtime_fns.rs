//! Every runtime function Rust calls, as its C prototype: the one table both sides derive from.
//!
//! This file is compiled twice: into the crate (codegen declares runtime functions from it)
//! and into `build.rs` (`#[path]`), which generates from it
//! - `mg_runtime_fns.h`, the prototypes the runtime `#include`s, so that clang refuses any
//!   definition in `runtime/` that disagrees with its entry here ("conflicting types");
//! - `runtime_ffi.rs`, the `extern "C"` declarations the executor calls (`codegen::abi::ffi`);
//! and checks that the runtime object defines every function listed.
//! So it uses nothing but `std`, and a mismatch fails the build instead of corrupting memory.
//!
//! Every parameter is named; the types are the C types of the definitions, spelled exactly
//! (`const MgStr *`, not `void *`).  [`parse`] knows the types the table may use.

/// Functions that generated code calls.
pub const RUNTIME_FNS: &[&str] = &[
    // Process start and end, exceptions and tracebacks.
    "void mg_init(int32_t argc, char **argv)",
    "int32_t mg_finish(void)",
    "void mg_raise(int32_t kind, const char *msg)",
    "void mg_raise_overflow(void)",
    "void mg_raise_system_exit(int64_t code)",
    "void mg_raise_str(int32_t kind, const MgStr *msg)",
    "void mg_tb_add(const char *file, int32_t line, const char *func, const char *src)",
    // Printing.
    "void mg_print_str(const char *s, int64_t len)",
    "void mg_print_int(int64_t v)",
    "void mg_print_bool(int8_t v)",
    "void mg_print_none(void)",
    "void mg_print_float(double x)",
    "void mg_print_value(const MgType *t, MgSlot s)",
    "void mg_print_str_value(const MgStr *s)",
    "void mg_dict_print_view(const MgDict *d, int32_t which)",
    // Numbers.
    "int64_t mg_int_floordiv(int64_t a, int64_t b)",
    "int64_t mg_int_mod(int64_t a, int64_t b)",
    "double mg_int_truediv(int64_t a, int64_t b)",
    "int64_t mg_int_pow(int64_t base, int64_t exp)",
    "int64_t mg_int_lshift(int64_t a, int64_t n)",
    "int64_t mg_int_rshift(int64_t a, int64_t n)",
    "int64_t mg_int_abs(int64_t a)",
    "double mg_float_div(double a, double b)",
    "double mg_float_mod(double a, double b)",
    "double mg_float_floordiv(double a, double b)",
    "double mg_float_pow(double a, double b)",
    "int64_t mg_float_to_int(double x)",
    "double mg_math_sqrt(double x)",
    "double mg_math_log(double x)",
    "double mg_math_exp(double x)",
    "double mg_math_sin(double x)",
    "double mg_math_cos(double x)",
    "double mg_math_tan(double x)",
    "double mg_math_atan2(double y, double x)",
    "double mg_math_hypot(double x, double y)",
    "double mg_math_fabs(double x)",
    "int64_t mg_math_floor(double x)",
    "int64_t mg_math_ceil(double x)",
    "int64_t mg_math_isqrt(int64_t n)",
    "int64_t mg_math_gcd(int64_t a, int64_t b)",
    "int32_t mg_cmp_int_float(int64_t i, double f)",
    // Objects and slots.
    "void mg_incref(void *p)",
    "void mg_decref(void *p)",
    "void mg_decref_cold(void *p)",
    "int32_t mg_slot_eq(const MgType *t, MgSlot a, MgSlot b)",
    "int32_t mg_slot_cmp(const MgType *t, MgSlot a, MgSlot b)",
    "int32_t mg_slot_truth(const MgType *t, MgSlot v)",
    "int64_t mg_slot_hash(const MgType *t, MgSlot s)",
    // tuple (boxed: generated code keeps tuples unboxed).
    "MgTuple *mg_tuple_new(const MgType *t)",
    "MgInstance *mg_instance_new(const MgType *t)",
    "MgStr *mg_func_repr(MgSlot self)",
    // Exceptions as objects (mg_exc.c).
    "int32_t mg_exc_matches(const MgType *cls)",
    "MgExc *mg_exc_begin_handler(void)",
    "void mg_exc_end_handler(MgExc *e)",
    "MgInstance *mg_exc_value(MgExc *e)",
    "MgExc *mg_exc_stash(void)",
    "void mg_exc_unstash(MgExc *e)",
    "void mg_exc_drop(MgExc *e)",
    "void mg_exc_unstash_as_context(MgExc *e)",
    "void mg_raise_instance(MgInstance *v)",
    "void mg_raise_from(MgInstance *v, MgInstance *cause)",
    "void mg_reraise(void)",
    "void mg_raise_recursion(void)",
    "int32_t mg_tuple_compare(const MgType *ta, const MgTuple *a, const MgType *tb, const MgTuple *b, int32_t op)",
    "int32_t mg_tuple_contains(const MgTuple *p, const MgType *item_t, MgSlot item)",
    "void mg_unpack_check(const MgList *l, int64_t before, int64_t after, int8_t starred)",
    // str.
    "int64_t mg_str_len(const MgStr *s)",
    "int64_t mg_str_len_bytes(const MgStr *s)",
    "MgStr *mg_str_concat(const MgStr *a, const MgStr *b)",
    "MgStr *mg_str_iadd(MgStr *s, const MgStr *t)",
    "MgStr *mg_str_repeat(const MgStr *a, int64_t n)",
    "MgStr *mg_str_getitem(const MgStr *s, int64_t idx)",
    "MgStr *mg_str_slice(const MgStr *s, int64_t start, int64_t stop, int64_t step, int32_t flags)",
    "int32_t mg_str_contains(const MgStr *hay, const MgStr *needle)",
    "int64_t mg_str_find(const MgStr *s, const MgStr *sub)",
    "int64_t mg_str_rfind(const MgStr *s, const MgStr *sub)",
    "int64_t mg_stream_write(const MgStr *s, int32_t stream)",
    "void mg_stream_flush(int32_t stream)",
    "int64_t mg_int_from_str_base(const MgStr *s, int64_t base)",
    "int64_t mg_int_powmod(int64_t a, int64_t b, int64_t m)",
    "int64_t mg_str_index(const MgStr *s, const MgStr *sub, int32_t from_right)",
    "MgTuple *mg_str_partition(const MgStr *s, const MgStr *sep, const MgType *tuple_t, int32_t from_right)",
    "MgList *mg_str_split_max(const MgStr *s, const MgStr *sep, int64_t maxsplit, const MgType *list_t, int32_t from_right)",
    "MgList *mg_str_splitlines(const MgStr *s, int32_t keepends, const MgType *list_t)",
    "MgStr *mg_str_removeaffix(const MgStr *s, const MgStr *affix, int32_t suffix)",
    "MgStr *mg_str_pad(const MgStr *s, int64_t width, const MgStr *fill, int32_t how)",
    "MgStr *mg_str_zfill(const MgStr *s, int64_t width)",
    "MgStr *mg_str_expandtabs(const MgStr *s, int64_t tabsize)",
    "MgStr *mg_str_translate(const MgStr *s, const MgDict *table)",
    "double mg_math_f1(int64_t which, double x)",
    "double mg_math_copysign(double x, double y)",
    "int64_t mg_math_lcm(int64_t a, int64_t b)",
    "int64_t mg_math_factorial(int64_t n)",
    "int64_t mg_math_comb(int64_t n, int64_t k)",
    "int64_t mg_math_perm(int64_t n, int64_t k)",
    "int32_t mg_math_isclose(double a, double b, double rel_tol, double abs_tol)",
    "double mg_math_log_base(double x, double base)",
    "double mg_math_f2(int64_t which, double x, double y)",
    "int32_t mg_math_is(int64_t which, double x)",
    "double mg_math_ldexp(double x, int64_t i)",
    "double mg_math_part(int64_t which, double x)",
    "int64_t mg_math_frexp_exp(double x)",
    // time (mg_time.c).
    "int64_t mg_time_ns(int64_t which)",
    "double mg_time_seconds(int64_t which)",
    "void mg_time_sleep(double secs)",
    "double mg_math_fsum(const MgList *xs, int32_t is_int)",
    "int64_t mg_math_prod_int(const MgList *xs, int64_t start)",
    "double mg_math_prod_float(const MgList *xs, double start)",
    "int64_t mg_str_find_in(const MgStr *s, const MgStr *sub, int64_t start, int64_t end, int32_t flags, int32_t from_right, int32_t raise)",
    "int64_t mg_str_count_in(const MgStr *s, const MgStr *sub, int64_t start, int64_t end, int32_t flags)",
    "int32_t mg_str_affix_in(const MgStr *s, const MgStr *affix, int64_t start, int64_t end, int32_t flags, int32_t suffix)",
    "MgStr *mg_str_replace_n(const MgStr *s, const MgStr *old, const MgStr *new_, int64_t count)",
    "MgRange *mg_range_new(int64_t start, int64_t stop, int64_t step)",
    "int64_t mg_range_len(const MgRange *r)",
    "int64_t mg_range_field(const MgRange *r, int64_t which)",
    "int64_t mg_range_getitem(const MgRange *r, int64_t i)",
    "MgRange *mg_range_slice(const MgRange *r, int64_t start, int64_t stop, int64_t step, int32_t flags)",
    "int32_t mg_range_contains(const MgRange *r, int64_t x)",
    "int64_t mg_range_count(const MgRange *r, int64_t x)",
    "int64_t mg_range_index(const MgRange *r, int64_t x)",
    "int32_t mg_range_eq(const MgRange *a, const MgRange *b)",
    "int32_t mg_range_truth(const MgRange *r)",
    "MgList *mg_range_list(const MgRange *r, const MgType *list_t)",
    "MgDict *mg_str_maketrans(const MgStr *x, const MgStr *y, const MgStr *z, const MgType *dict_t, const MgType *box_t)",
    "MgDict *mg_str_maketrans_dict(const MgDict *d, const MgType *dict_t)",
    "int32_t mg_str_isascii(const MgStr *s)",
    "int64_t mg_str_count(const MgStr *s, const MgStr *sub)",
    "int32_t mg_str_startswith(const MgStr *s, const MgStr *prefix)",
    "int32_t mg_str_endswith(const MgStr *s, const MgStr *suffix)",
    "MgStr *mg_str_replace(const MgStr *s, const MgStr *old, const MgStr *new_)",
    "MgStr *mg_str_strip(const MgStr *s, const MgStr *chars, int32_t which)",
    "MgStr *mg_str_case(const MgStr *s, int32_t map)",
    "int32_t mg_str_is(const MgStr *s, int32_t kind)",
    "MgList *mg_str_split(const MgStr *s, const MgStr *sep, const MgType *list_t)",
    "MgStr *mg_str_join(const MgStr *sep, const MgList *items)",
    "MgStr *mg_str_of(const MgType *t, MgSlot v)",
    "MgStr *mg_repr_of(const MgType *t, MgSlot v)",
    "int64_t mg_int_from_str(const MgStr *s)",
    "double mg_float_from_str(const MgStr *s)",
    "int64_t mg_str_ord(const MgStr *s)",
    "MgStr *mg_str_chr(int64_t c)",
    "MgStr *mg_str_char_at(const MgStr *s, int64_t pos)",
    // format() and f-strings (mg_format.c), round().
    "MgStr *mg_format_int_spec(int64_t v, const MgStr *spec, int32_t is_bool)",
    "MgStr *mg_format_float_spec(double v, const MgStr *spec)",
    "MgStr *mg_format_str_spec(const MgStr *s, const MgStr *spec)",
    // str.format (mg_strformat.c): the positional and keyword arguments as boxed tuples.
    "MgStr *mg_str_format(const MgStr *fmt, const MgTuple *args, const MgTuple *kwargs, const MgStr *names)",
    "MgStr *mg_str_format_map(const MgStr *fmt, const MgDict *mapping)",
    // `fmt % args` (mg_percent.c): the values as a boxed tuple, what the right operand was.
    "MgStr *mg_str_percent(const MgStr *fmt, const MgTuple *args, const MgStr *names, int32_t mode)",
    "MgStr *mg_ascii_of(const MgType *t, MgSlot v)",
    "MgStr *mg_str_build(MgStr **parts, int64_t n)",
    "int64_t mg_round_float_int(double x)",
    "double mg_round_float(double x, int64_t ndigits)",
    "int64_t mg_round_int(int64_t x, int64_t ndigits)",
    "int64_t mg_str_char_end(const MgStr *s, int64_t pos)",
    "int64_t mg_str_split_start(const MgStr *s, const MgStr *sep, int64_t pos)",
    "MgStr *mg_str_split_piece(const MgStr *s, const MgStr *sep, int64_t start)",
    // list.
    "MgList *mg_list_new(const MgType *t, int64_t cap)",
    "MgList *mg_list_from_slots(const MgType *t, const MgSlot *slots, int64_t n)",
    "int64_t mg_list_len(const MgList *l)",
    "MgSlot mg_list_get(const MgList *l, int64_t idx)",
    "void mg_list_append(MgList *l, MgSlot v)",
    "MgSlot mg_list_pop(MgList *l, int64_t idx, int32_t has_idx)",
    "void mg_list_insert(MgList *l, int64_t idx, MgSlot v)",
    "void mg_list_extend(MgList *l, const MgList *other)",
    "int32_t mg_list_contains(const MgList *l, MgSlot v)",
    "void mg_list_remove(MgList *l, MgSlot v)",
    "int64_t mg_list_index(const MgList *l, MgSlot v)",
    "int64_t mg_list_count(const MgList *l, MgSlot v)",
    "void mg_list_reverse(MgList *l)",
    "void mg_list_sort(MgList *l, int32_t reverse)",
    "MgList *mg_list_copy(const MgList *l)",
    "MgList *mg_list_sorted(const MgList *l, int32_t reverse)",
    "MgList *mg_list_copy_as(const MgList *l, const MgType *t)",
    "MgStr *mg_class_name(const MgInstance *v)",
    "MgInstance *mg_exc_link(MgInstance *v, int8_t context)",
    "MgList *mg_exc_args(MgInstance *v)",
    "MgList *mg_exc_args_unknown(void)",
    "void mg_list_sort_keyed(MgList *l, const MgList *keys, int32_t reverse)",
    "MgList *mg_list_sorted_keyed(const MgList *l, const MgList *keys, int32_t reverse)",
    "MgSlot mg_list_minmax_keyed(const MgList *l, const MgList *keys, int32_t is_max)",
    "MgList *mg_list_concat(const MgList *a, const MgList *b)",
    "MgList *mg_list_repeat(const MgList *a, int64_t n)",
    "MgList *mg_list_slice(const MgList *l, int64_t start, int64_t stop, int64_t step, int32_t flags)",
    "void mg_list_delitem(MgList *l, int64_t idx)",
    "int64_t mg_list_sum_int(const MgList *l, int64_t start)",
    "double mg_list_sum_float(const MgList *l, double start)",
    "MgSlot mg_list_minmax(const MgList *l, int32_t is_max)",
    "int32_t mg_list_any_all(const MgList *l, int32_t want_all)",
    "MgList *mg_list_from_str(const MgStr *s, const MgType *t)",
    "MgList *mg_list_range(int64_t start, int64_t stop, int64_t step, const MgType *t)",
    "MgList *mg_sys_argv(const MgType *t, const char *script)",
    // collections.deque (mg_deque.c).
    "MgDeque *mg_deque_new(const MgType *t, int64_t maxlen, int32_t has_maxlen)",
    "MgDeque *mg_deque_from_list(const MgType *t, const MgList *xs, int64_t maxlen, int32_t has_maxlen)",
    "MgDeque *mg_deque_copy(const MgDeque *d)",
    "MgList *mg_deque_to_list(const MgDeque *d, const MgType *t)",
    "void mg_deque_append(MgDeque *d, MgSlot v)",
    "void mg_deque_appendleft(MgDeque *d, MgSlot v)",
    "MgSlot mg_deque_pop(MgDeque *d, int32_t left)",
    "void mg_deque_extend(MgDeque *d, const MgList *xs, int32_t left)",
    "void mg_deque_rotate(MgDeque *d, int64_t n)",
    "void mg_deque_clear(MgDeque *d)",
    "int64_t mg_deque_len(const MgDeque *d)",
    "int64_t mg_deque_maxlen(const MgDeque *d)",
    "MgSlot mg_deque_get(const MgDeque *d, int64_t idx)",
    "void mg_deque_set(MgDeque *d, int64_t idx, MgSlot v)",
    "void mg_deque_delitem(MgDeque *d, int64_t idx)",
    "int32_t mg_deque_contains(const MgDeque *d, MgSlot v)",
    "int64_t mg_deque_count(const MgDeque *d, MgSlot v)",
    "int64_t mg_deque_index(const MgDeque *d, MgSlot v, int64_t start, int64_t stop)",
    "void mg_deque_remove(MgDeque *d, MgSlot v)",
    "void mg_deque_insert(MgDeque *d, int64_t idx, MgSlot v)",
    "void mg_deque_reverse(MgDeque *d)",
    "int64_t mg_deque_state(const MgDeque *d)",
    "int32_t mg_deque_iter_more(const MgDeque *d, int64_t pos, int64_t state0)",
    // functools.lru_cache (mg_lru.c): a cache is a handle.
    "int64_t mg_lru_new(const MgType *map_t, const MgType *result_t, int64_t maxsize)",
    "int32_t mg_lru_get(int64_t handle, MgSlot key)",
    "MgSlot mg_lru_found(int64_t handle)",
    "void mg_lru_put(int64_t handle, MgSlot key, MgSlot result)",
    "int64_t mg_lru_stat(int64_t handle, int32_t which)",
    "MgStr *mg_lru_info(int64_t handle)",
    "void mg_lru_clear(int64_t handle)",
    // heapq and bisect (mg_heapq.c).
    "void mg_heapq_push(MgList *heap, MgSlot item)",
    "MgSlot mg_heapq_pop(MgList *heap)",
    "void mg_heapq_heapify(MgList *heap)",
    "MgSlot mg_heapq_pushpop(MgList *heap, MgSlot item)",
    "MgSlot mg_heapq_replace(MgList *heap, MgSlot item)",
    "MgList *mg_heapq_nsmallest(const MgList *l, int64_t n, int32_t largest)",
    "MgList *mg_heapq_nsmallest_keyed(const MgList *l, const MgList *keys, int64_t n, int32_t largest)",
    // random (mg_random.c).
    "void mg_random_seed(int64_t n)",
    "void mg_random_seed_os(void)",
    "double mg_random_random(void)",
    "int64_t mg_random_getrandbits(int64_t k)",
    "int64_t mg_random_randrange1(int64_t stop)",
    "int64_t mg_random_randrange(int64_t start, int64_t stop, int64_t step)",
    "int64_t mg_random_randint(int64_t a, int64_t b)",
    "int64_t mg_random_choice_index(int64_t len)",
    "void mg_random_shuffle(MgList *x)",
    "MgList *mg_random_sample(const MgList *population, int64_t k, const MgType *list_t)",
    "MgList *mg_random_sample_range(const MgRange *population, int64_t k, const MgType *list_t)",
    "MgList *mg_random_choices(const MgList *population, const MgList *weights, int32_t cumulative, int64_t k, int32_t index_error, const MgType *list_t)",
    "MgList *mg_random_choices_range(const MgRange *population, const MgList *weights, int32_t cumulative, int64_t k, const MgType *list_t)",
    "double mg_random_uniform(double a, double b)",
    "double mg_random_uniform_int(int64_t a, int64_t b)",
    "double mg_random_gauss(double mu, double sigma)",
    "double mg_random_normalvariate(double mu, double sigma)",
    "double mg_random_expovariate(double lambd)",
    "double mg_random_triangular(double low, double high, double mode, int32_t has_mode)",
    "int64_t mg_bisect(const MgList *a, MgSlot x, int64_t lo, int64_t hi, int32_t right)",
    "void mg_insort(MgList *a, MgSlot x, int64_t lo, int64_t hi, int32_t right)",
    "int64_t mg_bisect_bounds(const MgList *a, int64_t lo, int64_t hi)",
    "int32_t mg_less(const MgType *t, MgSlot a, MgSlot b)",
    // dict.
    "MgDict *mg_dict_new(const MgType *t)",
    "MgDict *mg_dict_from_slots(const MgType *t, const MgSlot *keys, const MgSlot *values, int64_t n)",
    "void mg_dict_set(MgDict *d, MgSlot key, MgSlot value)",
    "MgSlot mg_dict_get(MgDict *d, MgSlot key)",
    "MgSlot mg_dict_get_default(const MgDict *d, MgSlot key, MgSlot dflt)",
    "MgSlot *mg_dict_value_ptr(MgDict *d, MgSlot key)",
    "void mg_dict_get_add(MgDict *d, MgSlot key, int64_t dflt, int64_t v)",
    "int32_t mg_dict_contains(const MgDict *d, MgSlot key)",
    "int32_t mg_dict_values_contains(const MgDict *d, MgSlot v)",
    "void mg_dict_clear(MgDict *d)",
    "void mg_list_clear(MgList *l)",
    "int64_t mg_dict_len(const MgDict *d)",
    "void mg_dict_del(MgDict *d, MgSlot key)",
    "MgSlot mg_dict_pop(MgDict *d, MgSlot key, MgSlot dflt, int32_t has_default)",
    "MgSlot mg_dict_setdefault(MgDict *d, MgSlot key, MgSlot dflt)",
    "void mg_dict_update(MgDict *d, const MgDict *other)",
    "MgDict *mg_dict_copy(const MgDict *d)",
    "MgDict *mg_dict_copy_plain(const MgDict *d)",
    "MgDict *mg_odict_from(const MgDict *d)",
    "int64_t mg_dict_version(const MgDict *d)",
    "int64_t mg_dict_after(const MgDict *d, int64_t at)",
    "void mg_dict_changed_during_iteration(const MgDict *d)",
    "void mg_odict_move_to_end(MgDict *d, MgSlot key, int32_t last)",
    "MgTuple *mg_odict_popitem(MgDict *d, int32_t last, int32_t keyword, const MgType *tuple_t)",
    "MgDict *mg_defaultdict_new(const MgType *t, const MgSlot *spec, int64_t n)",
    // collections.Counter (mg_counter.c).
    "MgDict *mg_counter_new(const MgType *t, const MgList *items)",
    "void mg_counter_update(MgDict *c, const MgList *items, int64_t sign)",
    "void mg_counter_update_counts(MgDict *c, const MgDict *other, int64_t sign)",
    "MgList *mg_counter_most_common(const MgDict *c, int64_t n, int32_t has_n, const MgType *list_t)",
    "int64_t mg_counter_total(const MgDict *c)",
    "MgDict *mg_counter_op(const MgDict *a, const MgDict *b, int32_t op)",
    "MgList *mg_counter_elements(const MgDict *c, const MgType *list_t)",
    "MgDict *mg_dict_merge(const MgDict *a, const MgDict *b)",
    "MgTuple *mg_dict_popitem(MgDict *d, const MgType *tuple_t)",
    "void mg_list_irepeat(MgList *l, int64_t n)",
    "int64_t mg_list_index_range(const MgList *l, MgSlot v, int64_t start, int64_t stop)",
    "int64_t mg_dict_next(const MgDict *d, int64_t pos)",
    "MgSlot mg_dict_entry_key(const MgDict *d, int64_t ix)",
    "MgSlot mg_dict_entry_value(const MgDict *d, int64_t ix)",
    "MgList *mg_dict_to_list(const MgDict *d, int32_t which, const MgType *list_t)",
    // set.
    "MgSet *mg_set_new(const MgType *t)",
    "MgSet *mg_set_from_slots(const MgType *t, const MgSlot *slots, int64_t n)",
    "void mg_set_add(MgSet *s, MgSlot key)",
    "int32_t mg_set_contains(const MgSet *s, MgSlot key)",
    "int64_t mg_set_len(const MgSet *s)",
    "int32_t mg_set_discard(MgSet *s, MgSlot key)",
    "void mg_set_remove(MgSet *s, MgSlot key)",
    "MgSet *mg_set_from_constants(MgSet *frozen)",
    "MgSet *mg_set_frozen_constant(MgSet *frozen)",
    "MgSet *mg_set_copy(const MgSet *a)",
    "MgSet *mg_set_from_list(const MgList *l, const MgType *t)",
    "MgSet *mg_set_from_dict(const MgDict *d, const MgType *t)",
    "MgSet *mg_set_union(const MgSet *so, MgSet **others, int64_t n)",
    "MgSet *mg_set_intersection(const MgSet *so, MgSet **others, int64_t n)",
    "MgSet *mg_set_difference(const MgSet *so, MgSet **others, int64_t n)",
    "MgSet *mg_set_symmetric_difference(const MgSet *so, const MgSet *other)",
    "void mg_set_update(MgSet *s, MgSet **others, int64_t n)",
    "void mg_set_intersection_update(MgSet *s, MgSet **others, int64_t n)",
    "void mg_set_difference_update(MgSet *s, MgSet **others, int64_t n)",
    "void mg_set_symmetric_difference_update(MgSet *s, const MgSet *other)",
    "int32_t mg_set_issubset(const MgSet *a, const MgSet *b)",
    "int32_t mg_set_issuperset(const MgSet *a, const MgSet *b)",
    "int32_t mg_set_isdisjoint(const MgSet *a, const MgSet *b)",
    "int32_t mg_set_order(const MgSet *a, const MgSet *b, int32_t op)",
    "MgSlot mg_set_pop(MgSet *s)",
    "void mg_set_clear(MgSet *s)",
    "int64_t mg_set_next(const MgSet *s, int64_t pos)",
    "MgSlot mg_set_entry_key(const MgSet *s, int64_t pos)",
    "MgList *mg_set_to_list(const MgSet *s, const MgType *list_t)",
    // Text files opened for reading (mg_file.c).
    "MgFile *mg_file_open(const MgStr *path, const MgStr *mode, const MgStr *encoding)",
    "MgFile *mg_file_stdin(void)",
    "int64_t mg_file_write(MgFile *f, const MgStr *s)",
    "void mg_file_writelines(MgFile *f, const MgList *lines)",
    "void mg_file_flush(MgFile *f)",
    "MgStr *mg_input(const MgStr *prompt)",
    "void mg_file_enter(const MgFile *f)",
    "void mg_file_close(MgFile *f)",
    "MgGen *mg_gen_new(int64_t start, const char *name, int64_t nargs, int64_t heap_mask)",
    "void mg_gen_set_arg(MgGen *g, int64_t i, MgSlot v)",
    "MgSlot mg_gen_arg(MgGen *g, int64_t i)",
    "void mg_gen_yield(MgSlot v)",
    "int32_t mg_iter_advance(MgGen *g)",
    "MgSlot mg_iter_value(MgGen *g)",
    "MgSlot mg_iter_next(MgGen *g)",
    "int32_t mg_file_closed(const MgFile *f)",
    "MgStr *mg_file_name(const MgFile *f)",
    "MgStr *mg_file_mode(const MgFile *f)",
    "MgStr *mg_file_read(MgFile *f)",
    "MgStr *mg_file_readline(MgFile *f)",
    "MgList *mg_file_readlines(MgFile *f, const MgType *list_t)",
];

/// Functions only a host (the executor) calls: value constructors and accessors, output
/// capture and the pending exception.
pub const HOST_FNS: &[&str] = &[
    "MgType *mg_type_new(int32_t kind, const MgType *a, const MgType *b)",
    "MgStr *mg_str_from(const char *data, int64_t len)",
    "const char *mg_str_data(const MgStr *s)",
    "MgSlot mg_tuple_item(const MgTuple *p, int64_t i)",
    "void mg_capture_begin(void)",
    "char *mg_capture_end(int64_t *len)",
    "void mg_free(void *p)",
    "int64_t mg_refcount(void *p)",
    "void mg_gc_collect(void)",
    "MgExc *mg_take_exception(void)",
    "void mg_exc_release(MgExc *e)",
    "const char *mg_exc_type_name(const MgExc *e)",
    "const char *mg_exc_message(const MgExc *e)",
    "int64_t mg_exc_exit_code(const MgExc *e)",
    "int32_t mg_exc_n_frames(const MgExc *e)",
    "void mg_exc_frame(const MgExc *e, int32_t i, const char **file, int32_t *line, const char **func, const char **src)",
];

/// The built-in exception classes, each after its base: (name, base). build.rs turns the
/// table into the runtime's class descriptors (`mg_exc_classes.h`, symbols
/// `mg_exc_class_NAME`), and the checker declares the same classes, so that an exception the
/// runtime raises (by kind) and one generated code raises or catches are one class.
pub const EXCEPTION_CLASSES: &[(&str, Option<&str>)] = &[
    ("BaseException", None),
    ("SystemExit", Some("BaseException")),
    ("KeyboardInterrupt", Some("BaseException")),
    ("GeneratorExit", Some("BaseException")),
    ("Exception", Some("BaseException")),
    ("ArithmeticError", Some("Exception")),
    ("ZeroDivisionError", Some("ArithmeticError")),
    ("OverflowError", Some("ArithmeticError")),
    ("AssertionError", Some("Exception")),
    ("AttributeError", Some("Exception")),
    ("FrozenInstanceError", Some("AttributeError")),
    ("LookupError", Some("Exception")),
    ("IndexError", Some("LookupError")),
    ("KeyError", Some("LookupError")),
    ("NameError", Some("Exception")),
    ("UnboundLocalError", Some("NameError")),
    ("RuntimeError", Some("Exception")),
    ("RecursionError", Some("RuntimeError")),
    ("NotImplementedError", Some("RuntimeError")),
    ("StopIteration", Some("Exception")),
    ("TypeError", Some("Exception")),
    ("ValueError", Some("Exception")),
    ("UnicodeError", Some("ValueError")),
    ("UnicodeEncodeError", Some("UnicodeError")),
    ("UnicodeDecodeError", Some("UnicodeError")),
    ("EOFError", Some("Exception")),
    ("OSError", Some("Exception")),
    ("FileNotFoundError", Some("OSError")),
    ("IsADirectoryError", Some("OSError")),
    ("NotADirectoryError", Some("OSError")),
    ("PermissionError", Some("OSError")),
    // io.UnsupportedOperation derives from OSError and ValueError in CPython; here from
    // OSError only (single inheritance).
    ("UnsupportedOperation", Some("OSError")),
];

/// How a C type is passed, as LLVM sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbiTy {
    Void,
    I8,
    I32,
    I64,
    F64,
    Ptr,
}

/// A C type of the table: a base type and a pointer depth (`const char **` is
/// `const char` behind two pointers; only the innermost pointee can be `const`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CType<'a> {
    pub base: &'a str,
    pub is_const: bool,
    pub pointers: usize,
}

/// One prototype of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proto<'a> {
    pub name: &'a str,
    pub ret: CType<'a>,
    /// (type, name).
    pub params: Vec<(CType<'a>, &'a str)>,
}

/// Scalar C types the table may use: the C spelling, how LLVM passes it, its Rust FFI type.
/// A base type starting with `Mg` that is not here is an opaque runtime struct.
const SCALARS: &[(&str, AbiTy, &str)] = &[
    ("void", AbiTy::Void, "c_void"),
    ("char", AbiTy::I8, "c_char"),
    ("int8_t", AbiTy::I8, "i8"),
    ("int32_t", AbiTy::I32, "i32"),
    ("int64_t", AbiTy::I64, "i64"),
    ("uint64_t", AbiTy::I64, "u64"),
    ("MgSlot", AbiTy::I64, "u64"),
    ("double", AbiTy::F64, "f64"),
];

impl CType<'_> {
    pub fn abi(&self) -> AbiTy {
        if self.pointers > 0 {
            return AbiTy::Ptr;
        }
        SCALARS.iter().find(|(c, _, _)| *c == self.base).map_or(AbiTy::Ptr, |&(_, abi, _)| abi)
    }

    /// Is this base type an opaque runtime struct (`MgStr`), known to Rust only by pointer?
    pub fn is_opaque(&self) -> bool {
        !SCALARS.iter().any(|(c, _, _)| *c == self.base)
    }

    /// The type in Rust FFI declarations (`*const MgStr`, `*mut *const c_char`, `i64`).
    pub fn rust(&self) -> String {
        let base = SCALARS.iter().find(|(c, _, _)| *c == self.base).map_or(self.base, |&(_, _, r)| r);
        let mut out = base.to_string();
        for depth in 0..self.pointers {
            let qualifier = if depth == 0 && self.is_const { "*const " } else { "*mut " };
            out = format!("{qualifier}{out}");
        }
        out
    }
}

/// The name of a prototype, without parsing it all.
pub fn name_of(proto: &str) -> &str {
    let head = proto.split('(').next().unwrap_or("");
    head.rsplit([' ', '*']).next().unwrap_or("")
}

/// Parses one entry of the table; the error says what is wrong with it.
pub fn parse(proto: &str) -> Result<Proto<'_>, String> {
    let (head, rest) = proto.split_once('(').ok_or_else(|| format!("`{proto}`: no parameter list"))?;
    let params_text = rest.strip_suffix(')').ok_or_else(|| format!("`{proto}`: does not end with `)`"))?;
    let (ret, name) = declarator(head).ok_or_else(|| format!("`{proto}`: cannot read the return type and name"))?;
    let mut params = Vec::new();
    if params_text.trim() != "void" {
        for param in params_text.split(',') {
            let (ty, pname) = declarator(param).ok_or_else(|| format!("`{proto}`: cannot read parameter `{}` (every parameter needs a type and a name)", param.trim()))?;
            if ty.pointers == 0 && ty.abi() == AbiTy::Void {
                return Err(format!("`{proto}`: parameter `{pname}` is void"));
            }
            params.push((ty, pname));
        }
    }
    if !name.starts_with("mg_") {
        return Err(format!("`{proto}`: runtime functions are named mg_*"));
    }
    Ok(Proto { name, ret, params })
}

/// `const MgStr *s` → (type, "s").
fn declarator(text: &str) -> Option<(CType<'_>, &str)> {
    let text = text.trim();
    let split = text.rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
    let (ty_text, name) = (text[..=split].trim(), &text[split + 1..]);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let pointers = ty_text.chars().filter(|&c| c == '*').count();
    let base_text = ty_text.trim_end_matches(|c: char| c == '*' || c == ' ');
    if base_text.contains('*') {
        return None;
    }
    let (is_const, base) = match base_text.strip_prefix("const ") {
        Some(base) => (true, base.trim()),
        None => (false, base_text),
    };
    let known = SCALARS.iter().any(|(c, _, _)| *c == base) || (base.starts_with("Mg") && base.chars().all(|c| c.is_ascii_alphanumeric()));
    // Opaque structs only behind pointers; const only on pointees.
    if !known || base.contains(' ') || (pointers == 0 && (is_const || !SCALARS.iter().any(|(c, _, _)| *c == base))) {
        return None;
    }
    Some((CType { base, is_const, pointers }, name))
}
