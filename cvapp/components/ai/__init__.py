"""The AI assistant's reusable pieces: the "Improve" dialog, the suggestion review, the frame."""
