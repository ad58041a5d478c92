// Copyright (c) 2026 onex-event-bus authors
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or https://www.boost.org/LICENSE_1_0.txt)

// librdkafka uses C11 threads (thrd_create, mtx_lock, cnd_wait, ...). glibc implements them on
// its internal pthread functions, which g++ 12's ThreadSanitizer does not intercept: TSan then
// neither knows librdkafka's threads (and crashes inside them) nor sees its locks (and reports
// races on memory those locks protect). Defining the C11 functions in the test executable makes
// librdkafka's calls resolve here, where they forward to the intercepted pthread functions — the
// same mapping glibc uses, since glibc's mtx_t and cnd_t have pthread's layout.
// Built into TSan test binaries only.

#if defined(__SANITIZE_THREAD__)

#include <cerrno>
#include <cstdint>
#include <new>
#include <pthread.h>
#include <threads.h>

namespace {

static_assert(sizeof(mtx_t) == sizeof(pthread_mutex_t));
static_assert(sizeof(cnd_t) == sizeof(pthread_cond_t));
static_assert(sizeof(once_flag) == sizeof(pthread_once_t));

pthread_mutex_t* native(mtx_t* m) {
    return reinterpret_cast<pthread_mutex_t*>(m);
}
pthread_cond_t* native(cnd_t* c) {
    return reinterpret_cast<pthread_cond_t*>(c);
}

int result(int rc) {
    switch (rc) {
    case 0:
        return thrd_success;
    case ETIMEDOUT:
        return thrd_timedout;
    case EBUSY:
        return thrd_busy;
    case ENOMEM:
    case EAGAIN:
        return thrd_nomem;
    default:
        return thrd_error;
    }
}

struct start_args {
    thrd_start_t func;
    void* arg;
};

void* trampoline(void* p) {
    const start_args args = *static_cast<start_args*>(p);
    delete static_cast<start_args*>(p);
    return reinterpret_cast<void*>(static_cast<std::intptr_t>(args.func(args.arg)));
}

} // namespace

extern "C" {

int thrd_create(thrd_t* thr, thrd_start_t func, void* arg) {
    auto* args = new (std::nothrow) start_args{func, arg};
    if (!args)
        return thrd_nomem;
    const int rc = pthread_create(reinterpret_cast<pthread_t*>(thr), nullptr, &trampoline, args);
    if (rc != 0)
        delete args;
    return result(rc);
}

int thrd_join(thrd_t thr, int* res) {
    void* value = nullptr;
    const int rc = pthread_join(static_cast<pthread_t>(thr), &value);
    if (rc == 0 && res)
        *res = static_cast<int>(reinterpret_cast<std::intptr_t>(value));
    return result(rc);
}

int thrd_detach(thrd_t thr) {
    return result(pthread_detach(static_cast<pthread_t>(thr)));
}

int mtx_init(mtx_t* m, int type) {
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, (type & mtx_recursive) ? PTHREAD_MUTEX_RECURSIVE
                                                            : PTHREAD_MUTEX_NORMAL);
    const int rc = pthread_mutex_init(native(m), &attr);
    pthread_mutexattr_destroy(&attr);
    return result(rc);
}

int mtx_lock(mtx_t* m) {
    return result(pthread_mutex_lock(native(m)));
}
int mtx_trylock(mtx_t* m) {
    return result(pthread_mutex_trylock(native(m)));
}
int mtx_timedlock(mtx_t* __restrict m, const struct timespec* __restrict t) {
    return result(pthread_mutex_timedlock(native(m), t));
}
int mtx_unlock(mtx_t* m) {
    return result(pthread_mutex_unlock(native(m)));
}
void mtx_destroy(mtx_t* m) {
    pthread_mutex_destroy(native(m));
}

int cnd_init(cnd_t* c) {
    return result(pthread_cond_init(native(c), nullptr));
}
int cnd_signal(cnd_t* c) {
    return result(pthread_cond_signal(native(c)));
}
int cnd_broadcast(cnd_t* c) {
    return result(pthread_cond_broadcast(native(c)));
}
int cnd_wait(cnd_t* c, mtx_t* m) {
    return result(pthread_cond_wait(native(c), native(m)));
}
int cnd_timedwait(cnd_t* __restrict c, mtx_t* __restrict m, const struct timespec* __restrict t) {
    return result(pthread_cond_timedwait(native(c), native(m), t));
}
void cnd_destroy(cnd_t* c) {
    pthread_cond_destroy(native(c));
}

void call_once(once_flag* flag, void (*func)(void)) {
    pthread_once(reinterpret_cast<pthread_once_t*>(flag), func);
}

} // extern "C"

#endif
