"""The pages of self-government: organs and seats, the statute, meetings, votes, decisions."""
