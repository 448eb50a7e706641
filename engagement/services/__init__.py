"""The plugin's business rules: organiser scope, seeding, exports. Views stay thin."""
