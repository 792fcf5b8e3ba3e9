(define (domain lights)
  (:requirements :strips)
  (:predicates (on ?l))
  (:action toggle
    :parameters (?l)
    :precondition (and)
    :effect (when (on ?l) (not (on ?l)))))
