"""Automations: a trigger, then steps that run for every contact who enters, on time and exactly once
(seed 001's Automation endpoints; seed 003's workflows). See nudgeweb/models/automations.py and
workflow.py for the shapes; engine.py runs them."""
