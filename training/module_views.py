"""The pages inside a module: overview, lessons, quiz and result. Reached through TrainingModulePage's routes."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from . import quiz
from .models import Attempt, LessonProgress
from .progress import ModuleProgress, progress_for, visible_modules


def overview(request, module):
    progress = progress_for(request.user, visible_modules(request.user).filter(pk=module.pk))[0]
    lessons = [(number, block, block.id in progress.read_ids) for number, block in enumerate(module.lessons, start=1)]
    attempts = Attempt.objects.filter(user=request.user, module=module).order_by("-submitted_at")[:10]
    return render(
        request,
        "training/module_overview.html",
        {"page": module, "progress": progress, "lessons": lessons, "attempts": attempts},
    )


def preview(request, module, mode):
    """The editor's preview of a draft: the overview as a newcomer sees it, all lessons, or the quiz."""
    if mode == "lessons":
        return render(request, "training/preview_lessons.html", {"page": module})
    if mode == "quiz":
        questions = [
            (block, [(choice, False) for choice in choices]) for block, choices in quiz.questions_in_order(module, "")
        ]
        return render(request, "training/quiz.html", {"page": module, "questions": questions, "is_preview": True})
    progress = ModuleProgress(module=module, status="not_started", lessons_read=0, required=False, completion=None)
    lessons = [(number, block, False) for number, block in enumerate(module.lessons, start=1)]
    return render(request, "training/module_overview.html", {"page": module, "progress": progress, "lessons": lessons})


@require_http_methods(["GET", "POST"])
def lesson(request, module, number):
    blocks = list(module.lessons)
    if not 1 <= number <= len(blocks):
        raise Http404
    block = blocks[number - 1]
    if request.method == "POST":
        LessonProgress.objects.get_or_create(user=request.user, module=module, lesson_id=block.id)
        if number < len(blocks):
            return redirect(module.url + module.reverse_subpage("lesson", args=[number + 1]))
        return redirect(module.url + module.reverse_subpage("take_quiz"))
    return render(
        request,
        "training/lesson.html",
        {
            "page": module,
            "lesson": block,
            "number": number,
            "total": len(blocks),
            "previous_url": module.url + module.reverse_subpage("lesson", args=[number - 1]) if number > 1 else None,
        },
    )


@require_http_methods(["GET", "POST"])
def take_quiz(request, module):
    if not len(module.quiz):
        raise Http404
    if request.method == "POST":
        try:
            attempt = quiz.submit(request.user, module, request.POST.get("token"), request.POST)
        except quiz.QuizError as error:
            if error.attempt is not None:
                messages.info(request, str(error))
                return redirect(module.url + module.reverse_subpage("result", args=[error.attempt.pk]))
            return render_quiz(request, module, request.POST.get("token"), error=error, status=400)
        return redirect(module.url + module.reverse_subpage("result", args=[attempt.pk]))
    moment = quiz.next_attempt_at(request.user, module)
    if moment is not None:
        return render(
            request, "training/quiz_locked.html", {"page": module, "message": quiz.limit_message(moment)}, status=429
        )
    return render_quiz(request, module, quiz.new_token(request.user, module))


def render_quiz(request, module, token, error=None, status=200):
    try:
        seed = quiz.read_token(token, request.user, module)["t"]
    except quiz.QuizError:
        token = quiz.new_token(request.user, module)
        seed = quiz.read_token(token, request.user, module)["t"]
    # A form sent back with an error keeps what the person chose.
    chosen = quiz.answers_from(request.POST) if request.method == "POST" else {}
    questions = [
        (block, [(choice, choice.id in chosen.get(block.id, set())) for choice in choices])
        for block, choices in quiz.questions_in_order(module, seed)
    ]
    return render(
        request,
        "training/quiz.html",
        {
            "page": module,
            "token": token,
            "questions": questions,
            "error": str(error) if error else None,
            "error_question": getattr(error, "question_id", None),
        },
        status=status,
    )


def result(request, module, attempt_id):
    attempt = Attempt.objects.filter(pk=attempt_id, user=request.user, module=module).first()
    if attempt is None:
        raise Http404
    taken = attempt.revision.as_object() if attempt.revision_id else module
    correct = set(attempt.correct_questions)
    feedback = []
    for block in taken.quiz:
        chosen = set(attempt.answers.get(block.id, []))
        feedback.append(
            {
                "question": block,
                "correct": block.id in correct,
                "choices": [(child, child.id in chosen) for child in block.value["choices"].bound_blocks],
            }
        )
    completion = getattr(attempt, "completion", None) if attempt.passed else None
    return render(
        request,
        "training/result.html",
        {
            "page": module,
            "attempt": attempt,
            "feedback": feedback,
            "completion": completion,
            "next_attempt_at": None if attempt.passed else quiz.next_attempt_at(request.user, module),
        },
    )
