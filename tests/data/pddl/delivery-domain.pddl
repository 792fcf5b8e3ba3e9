; Vans carry parcels between depots; a van holds one parcel at a time.
; Uses types, negative preconditions and equality.
(define (domain delivery)
  (:requirements :strips :typing :negative-preconditions :equality)
  (:types place vehicle parcel - object
          depot - place
          van - vehicle)
  (:constants hub - depot)
  (:predicates (at ?v - vehicle ?p - place) (in ?x - parcel ?p - place)
               (loaded ?x - parcel ?v - vehicle) (busy ?v - vehicle) (road ?a ?b - place))
  (:action drive
    :parameters (?v - van ?from ?to - place)
    :precondition (and (at ?v ?from) (road ?from ?to) (not (= ?from ?to)))
    :effect (and (not (at ?v ?from)) (at ?v ?to)))
  (:action load
    :parameters (?x - parcel ?v - van ?p - place)
    :precondition (and (in ?x ?p) (at ?v ?p) (not (busy ?v)))
    :effect (and (not (in ?x ?p)) (loaded ?x ?v) (busy ?v)))
  (:action unload
    :parameters (?x - parcel ?v - van ?p - place)
    :precondition (and (loaded ?x ?v) (at ?v ?p))
    :effect (and (not (loaded ?x ?v)) (not (busy ?v)) (in ?x ?p)))
  (:action drive-home
    :parameters (?v - van ?from - place)
    :precondition (and (at ?v ?from) (not (= ?from hub)) (road ?from hub))
    :effect (and (not (at ?v ?from)) (at ?v hub))))
